-- A new text of a notice, current until a replacement supersedes it.
INSERT INTO NoticeText (NoticeId, Sha256, FileName, Format, Paragraphs, ImportedAt, ImportedBy)
VALUES (@NoticeId, @Sha256, @FileName, @Format, @Paragraphs, @ImportedAt, @ImportedBy)
RETURNING NoticeTextId;
