using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages;

/// <summary>A readable page for an error status of a page request (re-executed; the status code stays).</summary>
// Re-executed for a refused POST too (the method stays), so it must not itself ask for the token.
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The page could not be shown.";

    public void OnGet(int? code)
    {
        (Heading, Message) = code switch
        {
            403 => ("Not for your role", "Your role may not open this page. The navigation shows what it may open."),
            404 => ("Not found", "There is no such page, or the thing it names does not exist."),
            400 => ("Request refused", "The request was not valid (a form sent without its anti-forgery token is refused)."),
            _ => (Heading, Message),
        };
    }

    public void OnPost(int? code) => OnGet(code);
}
