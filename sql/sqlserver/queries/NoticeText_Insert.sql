-- A new text of a notice, current until a replacement supersedes it.
INSERT INTO dbo.NoticeText (NoticeId, Sha256, FileName, Format, Paragraphs, ImportedAt, ImportedBy)
OUTPUT inserted.NoticeTextId
VALUES (@NoticeId, @Sha256, @FileName, @Format, @Paragraphs, @ImportedAt, @ImportedBy);
