using Microsoft.EntityFrameworkCore;

namespace Commissioning.Workflows.Persistence;

/// <summary>The engine's tables, added to the host's DbContext so a transition and the domain change it causes share one transaction.</summary>
public static class WorkflowModel
{
    public static ModelBuilder AddWorkflowModel(this ModelBuilder builder)
    {
        builder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(i => i.Id);
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.CorrelationId).HasMaxLength(200);
            e.Property(i => i.CurrentActivityId).HasMaxLength(100);
            e.Property(i => i.Outcome).HasMaxLength(100);
            e.Property(i => i.StartedBy).HasMaxLength(2000);
            e.Property(i => i.LogLength).HasDefaultValue(0);
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion, i.Status });
            e.HasIndex(i => i.CorrelationId);
        });
        builder.Entity<HumanTask>(e =>
        {
            e.ToTable("WorkflowTasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.ActivityId).HasMaxLength(100);
            e.Property(t => t.TaskKey).HasMaxLength(100);
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Role).HasMaxLength(100);
            e.Property(t => t.AssigneeUserId).HasMaxLength(450);
            e.Property(t => t.Outcomes).HasMaxLength(1000);
            e.Property(t => t.CompletedBy).HasMaxLength(256);
            e.Property(t => t.Outcome).HasMaxLength(100);
            e.Property(t => t.Comment).HasMaxLength(4000);
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.Ignore(t => t.OutcomeList);
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.Status, t.Role });
            e.HasIndex(t => new { t.Status, t.AssigneeUserId });
            e.HasIndex(t => new { t.InstanceId, t.ActivityId, t.Visit });
            e.HasIndex(t => t.ForTaskId);
        });
        builder.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("WorkflowTimers");
            e.HasKey(t => t.Id);
            e.Property(t => t.ActivityId).HasMaxLength(100);
            e.Property(t => t.TimerKey).HasMaxLength(100);
            e.Property(t => t.Kind).HasMaxLength(20);
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.Status, t.DueAt });
            e.HasIndex(t => t.InstanceId);
        });
        builder.Entity<WorkflowEvent>(e =>
        {
            e.ToTable("WorkflowEvents");
            e.HasKey(v => v.Id);
            e.Property(v => v.EventName).HasMaxLength(100);
            e.Property(v => v.CorrelationId).HasMaxLength(200);
            e.Property(v => v.Revision).IsConcurrencyToken();
            e.HasIndex(v => new { v.EventName, v.CorrelationId, v.ConsumedAt });
            e.HasIndex(v => v.ConsumedAt);
        });
        builder.Entity<WorkflowLogEntry>(e =>
        {
            e.ToTable("WorkflowLog");
            e.HasKey(l => l.Id);
            e.Property(l => l.Actor).HasMaxLength(256);
            e.Property(l => l.FromActivityId).HasMaxLength(100);
            e.Property(l => l.ToActivityId).HasMaxLength(100);
            e.Property(l => l.Outcome).HasMaxLength(100);
            e.Property(l => l.Reason).HasMaxLength(4000);
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(l => l.InstanceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => new { l.InstanceId, l.At });
            // Not unique: two operations racing on one instance may both write the next position, and the instance's
            // revision lets only one of them commit.
            e.Property(l => l.Position).HasDefaultValue(0);
            e.HasIndex(l => new { l.InstanceId, l.Position });
        });
        builder.Entity<WorkflowIncident>(e =>
        {
            e.ToTable("WorkflowIncidents");
            e.HasKey(i => i.Id);
            e.Property(i => i.ActivityId).HasMaxLength(100);
            e.Property(i => i.Operation).HasMaxLength(50);
            e.Property(i => i.Message).HasMaxLength(2000);
            e.Property(i => i.ResolvedBy).HasMaxLength(256);
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(i => i.InstanceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.ResolvedAt, i.At });
        });
        builder.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(d => new { d.DefinitionId, d.Version });
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.Property(d => d.FileName).HasMaxLength(200);
        });
        return builder;
    }
}
