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
if (args is ["backup", .. var rest])
{
    // An online backup of the SQLite database: the service can keep running while it is taken.
    var path = await DatabaseBackup.BackupAsync(app.Services.GetRequiredService<ResolvedDatabase>(), rest.FirstOrDefault());
    Console.WriteLine($"Backed up the database to {path}");
    return 0;
}

if (args is [FirstAdministratorCommand.Name, .. var adminArguments])
{
    return await FirstAdministratorCommand.RunAsync(app, adminArguments, Console.Out, Console.Error);
}

app.UseCommissioning();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
