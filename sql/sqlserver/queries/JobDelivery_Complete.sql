-- The copy is in place or the SMTP server accepted the mail.
UPDATE dbo.JobDelivery SET Status = 'sent', CompletedAt = @Now
WHERE JobName = @JobName AND Period = @Period AND Channel = @Channel AND Target = @Target;
