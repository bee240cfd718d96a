using Audit.Service.Configuration;
using Audit.Service.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Audit.Service.Jobs;

/// <summary>An audience of the scheduled reports and the files of one period for it.</summary>
public sealed record Delivery(string JobName, string Period, AudienceOptions Audience, string Subject, string Body, IReadOnlyList<string> Files);

/// <summary>
/// Puts a finished report in the audience's folder and mails it to the audience's recipients, each at most once
/// per period: a copy goes to a staging folder and is moved into place, so the folder never holds a partial
/// file; a mail is recorded as being sent before it goes to the server and as sent after.
/// </summary>
public sealed class ReportDelivery(JobLedger ledger, IOptions<DeliveryOptions> options, IOptions<JobsOptions> jobs, ILogger<ReportDelivery> logger)
{
    public const string FolderChannel = "folder";
    public const string MailChannel = "mail";
    private const string StagingFolder = ".staging";

    public async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await ToFolderAsync(delivery, cancellationToken);
        await ByMailAsync(delivery, cancellationToken);
    }

    private async Task ToFolderAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(delivery.Audience.Folder))
        {
            return;
        }

        var folder = Path.GetFullPath(delivery.Audience.Folder);
        var staging = Path.Combine(folder, StagingFolder);
        Directory.CreateDirectory(staging);
        var staged = new List<(string Temporary, string Final)>();
        foreach (var file in delivery.Files)
        {
            // Left by an attempt that died before moving its copy into place.
            foreach (var leftover in Directory.EnumerateFiles(staging, $"{Path.GetFileName(file)}.*.partial"))
            {
                File.Delete(leftover);
            }

            var final = Path.Combine(folder, Path.GetFileName(file));
            var temporary = Path.Combine(staging, $"{Path.GetFileName(file)}.{Guid.NewGuid():N}.partial");
            File.Copy(file, temporary);
            staged.Add((temporary, final));
        }

        if (jobs.Value.HoldBeforePublishing)
        {
            JobLog.Holding(logger, delivery.JobName, delivery.Period, folder);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        foreach (var (temporary, final) in staged)
        {
            await ledger.BeginDeliveryAsync(delivery.JobName, delivery.Period, FolderChannel, final, cancellationToken);
            File.Move(temporary, final, overwrite: true);
            await ledger.CompleteDeliveryAsync(delivery.JobName, delivery.Period, FolderChannel, final, cancellationToken);
            JobLog.Delivered(logger, final);
        }
    }

    private async Task ByMailAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (!smtp.IsConfigured || delivery.Audience.Recipients.Count == 0)
        {
            return;
        }

        var sent = (await ledger.DeliveriesAsync(delivery.JobName, delivery.Period, cancellationToken))
            .Where(d => d.Channel == MailChannel && d.Status == JobLedger.Sent)
            .Select(d => d.Target)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pending = delivery.Audience.Recipients.Distinct(StringComparer.OrdinalIgnoreCase).Where(r => !sent.Contains(r)).ToList();
        if (pending.Count == 0)
        {
            JobLog.AllMailed(logger, delivery.JobName, delivery.Period);
            return;
        }

        var message = Message(smtp, delivery, pending);

        // Recorded first: if this process dies after the server took the mail, the row stays 'sending' and the
        // next attempt counts a second attempt on it rather than mailing with no trace.
        foreach (var recipient in pending)
        {
            await ledger.BeginDeliveryAsync(delivery.JobName, delivery.Period, MailChannel, recipient, cancellationToken);
        }

        await SmtpSender.SendAsync(smtp, message, cancellationToken);

        foreach (var recipient in pending)
        {
            await ledger.CompleteDeliveryAsync(delivery.JobName, delivery.Period, MailChannel, recipient, cancellationToken);
        }

        JobLog.Mailed(logger, delivery.JobName, delivery.Period, pending.Count);
    }

    private static MimeMessage Message(SmtpOptions smtp, Delivery delivery, IReadOnlyList<string> recipients)
    {
        var body = new BodyBuilder { TextBody = delivery.Body };
        foreach (var file in delivery.Files)
        {
            body.Attachments.Add(file);
        }

        return SmtpSender.Message(smtp, recipients, delivery.Subject, body.ToMessageBody());
    }
}
