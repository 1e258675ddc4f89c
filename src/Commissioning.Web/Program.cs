using Commissioning.Infrastructure.Persistence;
using Commissioning.Web;

if (args is ["schema-script", var which])
{
    // Prints the SQL that creates the model's schema: the starting point for a new numbered migration script.
    Console.WriteLine(ResolvedDatabase.CreateScriptFor(which.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCommissioning();

var app = builder.Build();
app.UseCommissioning();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
