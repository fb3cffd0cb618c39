using Confcom.QuoteHelper.Server;
using Microsoft.Extensions.Options;

namespace Confcom.QuoteHelper.Hosting;

/// <summary>Checks the quote helper's settings when the host starts, before the socket is bound.</summary>
internal sealed class QuoteHelperOptionsValidator : IValidateOptions<QuoteHelperOptions>
{
    public ValidateOptionsResult Validate(string? name, QuoteHelperOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
