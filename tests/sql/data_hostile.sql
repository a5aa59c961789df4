-- Issue 9 findings 4-6 against the import: bytes that are not UTF-8, NUL
-- and binary in a row are rejected per row with file, line and reason, the
-- raw row kept as text (invalid bytes as \xNN); the import goes on.
-- tests/data/hostile/accounts.csv, by hand: line 3 has Latin-1 e-acute
-- (0xE9), line 4 a NUL byte, line 5 bytes FF FE 80 and a bad segment, line
-- 6 a valid UTF-8 e-acute.
.read sql/schema.sql
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
INSERT INTO import_request VALUES ('tests/data/hostile');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'hostile: the import finished, every line accounted for', rows_read || ' ' || rows_loaded || ' ' || rows_rejected, '5 2 3'
  FROM import_summary WHERE file = 'accounts.csv';
SELECT 'hostile: Latin-1 is a reject of its own row', reason, 'malformed CSV: field 2 is not valid UTF-8 (save the file as UTF-8)'
  FROM import_rejects WHERE line = 3;
SELECT 'hostile: the raw row is text, the invalid byte as \xNN', typeof(raw) || ' ' || raw, 'text A2,Caf\xE9 Latin-1,SMB'
  FROM import_rejects WHERE line = 3;
SELECT 'hostile: NUL byte', reason || ' | ' || raw, 'malformed CSV: field 2 contains a NUL byte | A3,Nul\x00byte,SMB'
  FROM import_rejects WHERE line = 4;
SELECT 'hostile: binary bytes', reason || ' | ' || raw, 'malformed CSV: field 2 is not valid UTF-8 (save the file as UTF-8) | A4,Bin\xFF\xFE\x80,Enterprize'
  FROM import_rejects WHERE line = 5;
SELECT 'hostile: valid UTF-8 loads, segment case-folded', name || ' ' || segment, 'Café UTF-8 SMB' FROM accounts WHERE account_id = 'A5';
SELECT 'hostile: file and table named in every reject', count(*), 3 FROM import_rejects WHERE file = 'accounts.csv' AND table_name = 'accounts';
-- revops_csv shows the same raw text.
SELECT 'hostile: revops_csv raw is text too', typeof(raw) || ' ' || raw, 'text A2,Caf\xE9 Latin-1,SMB'
  FROM revops_csv('tests/data/hostile/accounts.csv') WHERE line = 3;
