using Audit.Service.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Audit.Service.Mail;

/// <summary>Sends one message through the configured server (Delivery:Smtp): reports and guard alerts alike.</summary>
public static class SmtpSender
{
    /// <summary>A message from the configured sender, its only visible addressee; the recipients are blind copies.</summary>
    public static MimeMessage Message(SmtpOptions smtp, IEnumerable<string> recipients, string subject, MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in recipients)
        {
            message.Bcc.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = subject;
        message.Body = body;
        return message;
    }

    public static async Task SendAsync(SmtpOptions smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Delivery:Smtp:Host is not set."), smtp.Port, Security(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Security(string value) =>
        Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"Delivery:Smtp:Security: '{value}' is not one of None, Auto, StartTls, StartTlsWhenAvailable, SslOnConnect.");
}
