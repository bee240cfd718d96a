using Audit.Service.Security;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>The fixture itself: the real app answers in a real browser and every role's account signs in through the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FixtureTests(BrowserApp app)
{
    [Fact]
    public async Task SignIn_EveryRole_LandsSignedInWithItsRoleShown()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            var page = await app.SignInAsync(role);

            await Assertions.Expect(page.Locator("header .user")).ToContainTextAsync(BrowserApp.UserName(role));
            await Assertions.Expect(page.Locator("header .role")).ToHaveTextAsync(role.Code());
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithAnError()
    {
        var page = await app.OpenAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(BrowserApp.UserName(Role.Admin));
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        await BrowserApp.ScreenshotAsync(page, "sign-in-refused");
        await page.Context.CloseAsync();
    }
}
