using Commissioning.Domain.Applications;
using Commissioning.Domain.Audit;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Decisions;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Persistence;

public sealed class CommissioningDbContext(DbContextOptions<CommissioningDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<PoliceAndCrimePlan> Plans => Set<PoliceAndCrimePlan>();

    public DbSet<PlanPriority> PlanPriorities => Set<PlanPriority>();

    public DbSet<Fund> Funds => Set<Fund>();

    public DbSet<FundBudget> Budgets => Set<FundBudget>();

    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();

    public DbSet<FundingRound> Rounds => Set<FundingRound>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<GrantApplication> Applications => Set<GrantApplication>();

    public DbSet<Clarification> Clarifications => Set<Clarification>();

    public DbSet<OfferResponse> OfferResponses => Set<OfferResponse>();

    public DbSet<Award> Awards => Set<Award>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<MonitoringReturn> MonitoringReturns => Set<MonitoringReturn>();

    public DbSet<DecisionRecord> DecisionRecords => Set<DecisionRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommissioningDbContext).Assembly);
        builder.AddWorkflowModel();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ValueConversions.Register(configurationBuilder, IsSqlite);
    }
}

/// <summary>A Data Protection key ring entry, kept in the database so every app node shares the keys.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = string.Empty;

    public string Xml { get; set; } = string.Empty;
}
