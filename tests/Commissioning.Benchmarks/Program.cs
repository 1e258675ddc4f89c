using Commissioning.Benchmarks;

// dotnet run -c Release --project tests/Commissioning.Benchmarks -- [workflow|ledger] [options]
//   workflow: one transition against a bare EF Core update of the same row, on SQLite and PostgreSQL, and 10,000
//             instances started and driven to completion. PostgreSQL comes from --postgres "<admin connection string>"
//             or COMMISSIONING_TEST_POSTGRES (scripts/test-postgres.sh start prints one).
//   ledger:   a budget commitment through the ledger against a bare insert of the same award, on SQLite.
//   surge:    closing day: 200 concurrent applicants load check your answers and submit, against the app process on
//             SQLite (or PostgreSQL with --postgres ["<admin connection string>"]), beside a bare EF Core insert
//             endpoint in the same run (build src/Commissioning.Web first; options --applicants 200 --port 5197).
var mode = args.FirstOrDefault() ?? "workflow";
switch (mode)
{
    case "ledger":
        await LedgerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
        break;
    case "surge":
        return await SurgeBenchmark.RunAsync(args.Skip(1).ToArray());
    case "workflow":
        await WorkflowBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'; use workflow, ledger or surge.");
        return 2;
}

return 0;
