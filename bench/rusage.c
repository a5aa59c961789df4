/*
** bench/rusage.c — run a command and report the kernel's accounting of it.
**
**   rusage OUTFILE PROGRAM [ARG ...]
**
** Forks, runs PROGRAM, waits for it (wait4) and writes to OUTFILE one line:
** "user_s sys_s maxrss_kib exit_code" of the child and every descendant it
** waited for.  bench/timing.py runs each timed command under it because a
** child forked straight from Python starts as a copy of the Python process
** (about 15 MiB), which the kernel counts in the child's peak RSS; this
** program's own footprint is a few hundred KiB, so the peak is the
** command's.
*/
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  struct rusage ru;
  int status = 0, code;
  pid_t pid;
  FILE *f;
  if (argc < 3) {
    fprintf(stderr, "usage: rusage OUTFILE PROGRAM [ARG ...]\n");
    return 2;
  }
  pid = fork();
  if (pid < 0) {
    perror("rusage: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("rusage: exec");
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("rusage: wait4");
    return 2;
  }
  code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  f = fopen(argv[1], "w");
  if (f == 0) {
    perror("rusage: OUTFILE");
    return 2;
  }
  fprintf(f, "%ld.%06ld %ld.%06ld %ld %d\n", (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec,
          (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec, ru.ru_maxrss, code);
  return fclose(f) == 0 ? 0 : 2;
}
