-- The current text of each notice published by the as-of date, paragraph by paragraph, in order.
SELECT t.NoticeId, t.Sha256, t.FileName, t.ImportedAt, p.Number, p.Text
FROM NoticeText t
JOIN NoticeParagraph p ON p.NoticeTextId = t.NoticeTextId
JOIN Notice n ON n.NoticeId = t.NoticeId
WHERE t.SupersededAt IS NULL AND n.PublishedOn <= @AsOf
ORDER BY t.NoticeId, p.Number;
