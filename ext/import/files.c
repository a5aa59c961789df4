/*
** files.c — the only place revops opens or lists files (POSIX and Windows).
**
** A CSV file is opened only if it is a regular file: the path is stat'ed
** (links followed) and anything else — a FIFO, which would block the open
** forever, a device such as /dev/zero, which never ends, a socket or a
** directory — is refused before any open for reading.  The open itself is
** non-blocking and the descriptor is checked again (fstat), so a file
** swapped for a FIFO between the two checks is refused too.
**
** Owns: every open, read, stat and directory listing of the import
** module, on POSIX and Windows, with its error words.
** Must not: parse what it reads or know about SQL: readers.c and the
** loader (read.c) take the bytes.
*/
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L /* strerror_r (XSI), O_CLOEXEC, fstat */
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#include <io.h>
#include <sys/stat.h>
#include <sys/types.h>
#else
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "imp.h"
#include "buf.h"

void imp_strerror(int e, char *z, size_t n) {
#ifdef _WIN32
  if (strerror_s(z, n, e) != 0) snprintf(z, n, "error %d", e);
#else
  if (strerror_r(e, z, n) != 0) snprintf(z, n, "error %d", e);
#endif
}

static const char zNotRegular[] =
    "is not a regular file (a FIFO, device, socket or directory cannot be imported)";

#ifdef _WIN32
/* ------------------------------------------------------------- Windows */
static wchar_t *imp_wide(const char *z) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, z, -1, 0, 0);
  wchar_t *w;
  if (n <= 0) return 0;
  w = sqlite3_malloc64(sizeof(wchar_t) * (sqlite3_uint64)n);
  if (w == 0) return 0;
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, z, -1, w, n);
  return w;
}

static char *imp_narrow(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, 0, 0, 0, 0);
  char *z;
  if (n <= 0) return 0;
  z = sqlite3_malloc64((sqlite3_uint64)n);
  if (z == 0) return 0;
  WideCharToMultiByte(CP_UTF8, 0, w, -1, z, n, 0, 0);
  return z;
}

struct ImpFile {
  HANDLE h;
};

ImpFile *imp_file_open(const char *zPath, char *zErr, size_t nErr) {
  wchar_t *w = imp_wide(zPath);
  HANDLE h;
  ImpFile *f;
  if (w == 0) {
    snprintf(zErr, nErr, "cannot open '%s': not a valid UTF-8 path", zPath);
    return 0;
  }
  h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, 0, OPEN_EXISTING,
                  FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, 0);
  sqlite3_free(w);
  if (h == INVALID_HANDLE_VALUE) {
    snprintf(zErr, nErr, "cannot open '%s': Windows error %lu", zPath, (unsigned long)GetLastError());
    return 0;
  }
  /* Only disk files: not a pipe, console or device (and CreateFileW does
  ** not open directories without FILE_FLAG_BACKUP_SEMANTICS). */
  if (GetFileType(h) != FILE_TYPE_DISK) {
    CloseHandle(h);
    snprintf(zErr, nErr, "'%s' %s", zPath, zNotRegular);
    return 0;
  }
  f = sqlite3_malloc(sizeof(*f));
  if (f == 0) {
    CloseHandle(h);
    return 0;
  }
  f->h = h;
  return f;
}

long long imp_file_read(ImpFile *f, char *zBuf, size_t n) {
  DWORD got = 0;
  if (n > 0x40000000) n = 0x40000000;
  if (!ReadFile(f->h, zBuf, (DWORD)n, &got, 0)) return -1;
  return (long long)got;
}

void imp_file_close(ImpFile *f) {
  if (f == 0) return;
  CloseHandle(f->h);
  sqlite3_free(f);
}

static int imp_dir_push(ImpDirEntry **pa, int *pn, int *pnAlloc, char *zName,
                        long long size, int isDir, int isRegular);
static void imp_dir_sort(ImpDirEntry *a, int n);

int imp_dir_list(const char *zDir, ImpDirEntry **paEntry, int *pn, char *zErr, size_t nErr) {
  char *zPat = sqlite3_mprintf("%s\\*", zDir);
  wchar_t *w = zPat ? imp_wide(zPat) : 0;
  WIN32_FIND_DATAW fd;
  HANDLE h;
  ImpDirEntry *a = 0;
  int n = 0, nAlloc = 0;
  sqlite3_free(zPat);
  *paEntry = 0;
  *pn = 0;
  if (w == 0) {
    snprintf(zErr, nErr, "cannot open directory '%s': out of memory or not UTF-8", zDir);
    return -1;
  }
  h = FindFirstFileW(w, &fd);
  sqlite3_free(w);
  if (h == INVALID_HANDLE_VALUE) {
    snprintf(zErr, nErr, "cannot open directory '%s': Windows error %lu", zDir,
             (unsigned long)GetLastError());
    return -1;
  }
  do {
    char *zName;
    int isDir = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    int isDev = (fd.dwFileAttributes & FILE_ATTRIBUTE_DEVICE) != 0;
    long long size = ((long long)fd.nFileSizeHigh << 32) | (long long)fd.nFileSizeLow;
    if (wcscmp(fd.cFileName, L".") == 0 || wcscmp(fd.cFileName, L"..") == 0) continue;
    zName = imp_narrow(fd.cFileName);
    if (zName == 0 || imp_dir_push(&a, &n, &nAlloc, zName, size, isDir, !isDir && !isDev)) {
      FindClose(h);
      imp_dir_free(a, n);
      snprintf(zErr, nErr, "cannot list directory '%s': out of memory or too many entries", zDir);
      return -1;
    }
  } while (FindNextFileW(h, &fd));
  FindClose(h);
  imp_dir_sort(a, n);
  *paEntry = a;
  *pn = n;
  return 0;
}

#else
/* --------------------------------------------------------------- POSIX */
struct ImpFile {
  int fd;
};

ImpFile *imp_file_open(const char *zPath, char *zErr, size_t nErr) {
  struct stat st;
  char zWhy[128];
  int fd;
  ImpFile *f;
  if (stat(zPath, &st) != 0) {
    imp_strerror(errno, zWhy, sizeof(zWhy));
    snprintf(zErr, nErr, "cannot open '%s': %s", zPath, zWhy);
    return 0;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(zErr, nErr, "'%s' %s", zPath, zNotRegular);
    return 0;
  }
  /* O_NONBLOCK: should the path have become a FIFO since the stat, the
  ** open returns at once instead of waiting for a writer. */
  fd = open(zPath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    imp_strerror(errno, zWhy, sizeof(zWhy));
    snprintf(zErr, nErr, "cannot open '%s': %s", zPath, zWhy);
    return 0;
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    snprintf(zErr, nErr, "'%s' %s", zPath, zNotRegular);
    return 0;
  }
  f = sqlite3_malloc(sizeof(*f));
  if (f == 0) {
    close(fd);
    return 0;
  }
  f->fd = fd;
  return f;
}

long long imp_file_read(ImpFile *f, char *zBuf, size_t n) {
  for (;;) {
    ssize_t k = read(f->fd, zBuf, n);
    if (k >= 0) return (long long)k;
    if (errno != EINTR) return -1;
  }
}

void imp_file_close(ImpFile *f) {
  if (f == 0) return;
  close(f->fd);
  sqlite3_free(f);
}

static int imp_dir_push(ImpDirEntry **pa, int *pn, int *pnAlloc, char *zName,
                        long long size, int isDir, int isRegular);
static void imp_dir_sort(ImpDirEntry *a, int n);

int imp_dir_list(const char *zDir, ImpDirEntry **paEntry, int *pn, char *zErr, size_t nErr) {
  DIR *d;
  struct dirent *e;
  ImpDirEntry *a = 0;
  int n = 0, nAlloc = 0;
  char zWhy[128];
  *paEntry = 0;
  *pn = 0;
  d = opendir(zDir);
  if (d == 0) {
    imp_strerror(errno, zWhy, sizeof(zWhy));
    snprintf(zErr, nErr, "cannot open directory '%s': %s", zDir, zWhy);
    return -1;
  }
  while ((e = readdir(d)) != 0) {
    struct stat st;
    char *zName, *zPath;
    long long size = -1;
    int isDir = 0, isReg = 0;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    zName = sqlite3_mprintf("%s", e->d_name);
    zPath = sqlite3_mprintf("%s/%s", zDir, e->d_name);
    if (zPath && stat(zPath, &st) == 0) {
      size = (long long)st.st_size;
      isDir = S_ISDIR(st.st_mode) ? 1 : 0;
      isReg = S_ISREG(st.st_mode) ? 1 : 0;
    }
    sqlite3_free(zPath);
    if (zName == 0 || imp_dir_push(&a, &n, &nAlloc, zName, size, isDir, isReg)) {
      closedir(d);
      imp_dir_free(a, n);
      snprintf(zErr, nErr, "cannot list directory '%s': out of memory or more than %d entries",
               zDir, IMP_MAX_FILES);
      return -1;
    }
  }
  closedir(d);
  imp_dir_sort(a, n);
  *paEntry = a;
  *pn = n;
  return 0;
}
#endif

/* ------------------------------------------------------------- shared */
static int imp_dir_push(ImpDirEntry **pa, int *pn, int *pnAlloc, char *zName,
                        long long size, int isDir, int isRegular) {
  if (*pn == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 32;
    ImpDirEntry *aNew;
    if (*pn >= IMP_MAX_FILES) {
      sqlite3_free(zName);
      return 1;
    }
    aNew = sqlite3_realloc64(*pa, sizeof(ImpDirEntry) * (sqlite3_uint64)nNew);
    if (aNew == 0) {
      sqlite3_free(zName);
      return 1;
    }
    *pa = aNew;
    *pnAlloc = nNew;
  }
  (*pa)[*pn].zName = zName;
  (*pa)[*pn].size = size;
  (*pa)[*pn].isDir = isDir;
  (*pa)[*pn].isRegular = isRegular;
  (*pn)++;
  return 0;
}

static int imp_dir_cmp(const void *pA, const void *pB) {
  return strcmp(((const ImpDirEntry *)pA)->zName, ((const ImpDirEntry *)pB)->zName);
}

/* Byte order of the UTF-8 names: the same order on every system. */
static void imp_dir_sort(ImpDirEntry *a, int n) {
  if (n > 1) qsort(a, (size_t)n, sizeof(*a), imp_dir_cmp);
}

void imp_dir_free(ImpDirEntry *a, int n) {
  int i;
  for (i = 0; i < n; i++) sqlite3_free(a[i].zName);
  sqlite3_free(a);
}

char *imp_raw_text(const char *z, size_t n, size_t *pnOut) {
  const unsigned char *u = (const unsigned char *)z;
  size_t i = 0, o = 0;
  char *zOut;
  /* At most 4 output bytes per input byte: checked before allocating. */
  if (n > ((size_t)-1 - 1) / 4) return 0;
  zOut = sqlite3_malloc64((sqlite3_uint64)n * 4 + 1);
  if (zOut == 0) return 0;
  while (i < n) {
    int len = revops_utf8_len(z + i, n - i);
    size_t k = len > 0 && u[i] != 0 ? (size_t)len : 0; /* NUL is escaped too */
    if (k == 0) {
      static const char hex[] = "0123456789ABCDEF";
      zOut[o++] = '\\';
      zOut[o++] = 'x';
      zOut[o++] = hex[u[i] >> 4];
      zOut[o++] = hex[u[i] & 15];
      i++;
    } else {
      memcpy(zOut + o, z + i, k);
      o += k;
      i += k;
    }
  }
  zOut[o] = 0;
  if (pnOut) *pnOut = o;
  return zOut;
}

int imp_ping(ImpPing *p) {
  int rc;
  if (p->db == 0) return 0;
  if (p->pStmt == 0 && sqlite3_prepare_v2(p->db, "SELECT 1", -1, &p->pStmt, 0) != SQLITE_OK) {
    return 0;
  }
  rc = sqlite3_step(p->pStmt);
  sqlite3_reset(p->pStmt);
  return rc == SQLITE_INTERRUPT;
}

void imp_ping_free(ImpPing *p) {
  sqlite3_finalize(p->pStmt);
  p->pStmt = 0;
}
