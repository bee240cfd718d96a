-- The current text of every notice that has one: what an import compares a new file with.
SELECT NoticeTextId, NoticeId, Sha256, FileName, ImportedAt
FROM dbo.NoticeText
WHERE SupersededAt IS NULL;
