-- Every text ever imported, current and superseded, newest first within a notice.
SELECT NoticeTextId, NoticeId, Sha256, FileName, Format, Paragraphs, ImportedAt, ImportedBy, SupersededAt
FROM NoticeText
ORDER BY NoticeId, NoticeTextId DESC;
