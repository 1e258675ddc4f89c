using Commissioning.Benchmarks;

// dotnet run -c Release --project tests/Commissioning.Benchmarks -- [workflow|ledger] [options]
//   workflow: one transition against a bare EF Core update of the same row, on SQLite and PostgreSQL, and 10,000
//             instances started and driven to completion. PostgreSQL comes from --postgres "<admin connection string>"
//             or COMMISSIONING_TEST_POSTGRES (scripts/test-postgres.sh start prints one).
//   ledger:   a budget commitment through the ledger against a bare insert of the same award, on SQLite, in
//             interleaved rounds (ledger [awards per round, 2000] [rounds, 5]), comparing the medians.
//   surge:    closing day: 200 concurrent applicants submit their applications, against a bare EF Core insert
//             endpoint taking as many concurrent POSTs, in interleaved rounds of the same app process on SQLite (or
//             PostgreSQL with --postgres ["<admin connection string>"]). It builds src/Commissioning.Web in Release
//             itself and runs that build (options --applicants 200 --rounds 5 --port 5197).
var mode = args.FirstOrDefault() ?? "workflow";
switch (mode)
{
    case "ledger":
        await LedgerBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
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
