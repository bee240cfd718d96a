-- The texts of notices as workers read them (import notice-texts), kept as evidence: one row per imported file, with
-- its SHA-256, and its paragraphs by number. A notice has at most one current text; `--replace` marks the current one
-- superseded and adds the new one, so the old text stays. Nothing rewrites a text (triggers refuse it); the one change
-- allowed is a current text becoming superseded, once. No code path deletes one (the demo's rebuild of its own
-- embedded database empties every table but the audit log, texts included).
CREATE TABLE NoticeText (
    NoticeTextId INTEGER NOT NULL CONSTRAINT PK_NoticeText PRIMARY KEY AUTOINCREMENT,
    NoticeId     TEXT    NOT NULL,
    Sha256       TEXT    NOT NULL,
    FileName     TEXT    NOT NULL,
    Format       TEXT    NOT NULL,
    Paragraphs   INTEGER NOT NULL,
    ImportedAt   TEXT    NOT NULL,
    ImportedBy   TEXT    NOT NULL,
    SupersededAt TEXT    NULL,
    CONSTRAINT FK_NoticeText_Notice FOREIGN KEY (NoticeId) REFERENCES Notice (NoticeId)
);

CREATE UNIQUE INDEX UX_NoticeText_Current ON NoticeText (NoticeId) WHERE SupersededAt IS NULL;

CREATE TABLE NoticeParagraph (
    NoticeTextId INTEGER NOT NULL,
    Number       INTEGER NOT NULL,
    Text         TEXT    NOT NULL,
    CONSTRAINT PK_NoticeParagraph PRIMARY KEY (NoticeTextId, Number),
    CONSTRAINT FK_NoticeParagraph_NoticeText FOREIGN KEY (NoticeTextId) REFERENCES NoticeText (NoticeTextId)
);

CREATE TRIGGER TR_NoticeText_OnlySupersede BEFORE UPDATE ON NoticeText
WHEN OLD.SupersededAt IS NOT NULL OR NEW.SupersededAt IS NULL
  OR NEW.NoticeId IS NOT OLD.NoticeId OR NEW.Sha256 IS NOT OLD.Sha256 OR NEW.FileName IS NOT OLD.FileName OR NEW.Format IS NOT OLD.Format
  OR NEW.Paragraphs IS NOT OLD.Paragraphs OR NEW.ImportedAt IS NOT OLD.ImportedAt OR NEW.ImportedBy IS NOT OLD.ImportedBy
BEGIN
    SELECT RAISE(ABORT, 'NoticeText is evidence: a text may only be superseded, once');
END;

CREATE TRIGGER TR_NoticeParagraph_NoUpdate BEFORE UPDATE ON NoticeParagraph
BEGIN
    SELECT RAISE(ABORT, 'NoticeParagraph is evidence: paragraphs are never changed');
END;
