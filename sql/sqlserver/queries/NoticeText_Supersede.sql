-- A current text gives way to a replacement (import notice-texts --replace); it stays, marked superseded.
UPDATE dbo.NoticeText SET SupersededAt = @At
WHERE NoticeTextId = @NoticeTextId AND SupersededAt IS NULL;
