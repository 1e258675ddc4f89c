namespace Commissioning.Domain.Common;

public readonly record struct PlanId(Guid Value) : IStronglyTypedId<PlanId>
{ public static PlanId New() => new(Ids.NewValue()); public static PlanId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct PriorityId(Guid Value) : IStronglyTypedId<PriorityId>
{ public static PriorityId New() => new(Ids.NewValue()); public static PriorityId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct OutcomeId(Guid Value) : IStronglyTypedId<OutcomeId>
{ public static OutcomeId New() => new(Ids.NewValue()); public static OutcomeId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct FundId(Guid Value) : IStronglyTypedId<FundId>
{ public static FundId New() => new(Ids.NewValue()); public static FundId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct BudgetId(Guid Value) : IStronglyTypedId<BudgetId>
{ public static BudgetId New() => new(Ids.NewValue()); public static BudgetId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct BudgetLineId(Guid Value) : IStronglyTypedId<BudgetLineId>
{ public static BudgetLineId New() => new(Ids.NewValue()); public static BudgetLineId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct RoundId(Guid Value) : IStronglyTypedId<RoundId>
{ public static RoundId New() => new(Ids.NewValue()); public static RoundId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct OrganisationId(Guid Value) : IStronglyTypedId<OrganisationId>
{ public static OrganisationId New() => new(Ids.NewValue()); public static OrganisationId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct PersonId(Guid Value) : IStronglyTypedId<PersonId>
{ public static PersonId New() => new(Ids.NewValue()); public static PersonId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct DocumentId(Guid Value) : IStronglyTypedId<DocumentId>
{ public static DocumentId New() => new(Ids.NewValue()); public static DocumentId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct GrantApplicationId(Guid Value) : IStronglyTypedId<GrantApplicationId>
{ public static GrantApplicationId New() => new(Ids.NewValue()); public static GrantApplicationId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct AwardId(Guid Value) : IStronglyTypedId<AwardId>
{ public static AwardId New() => new(Ids.NewValue()); public static AwardId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct ConditionId(Guid Value) : IStronglyTypedId<ConditionId>
{ public static ConditionId New() => new(Ids.NewValue()); public static ConditionId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct InstalmentId(Guid Value) : IStronglyTypedId<InstalmentId>
{ public static InstalmentId New() => new(Ids.NewValue()); public static InstalmentId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct PaymentId(Guid Value) : IStronglyTypedId<PaymentId>
{ public static PaymentId New() => new(Ids.NewValue()); public static PaymentId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct MonitoringReturnId(Guid Value) : IStronglyTypedId<MonitoringReturnId>
{ public static MonitoringReturnId New() => new(Ids.NewValue()); public static MonitoringReturnId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct DecisionRecordId(Guid Value) : IStronglyTypedId<DecisionRecordId>
{ public static DecisionRecordId New() => new(Ids.NewValue()); public static DecisionRecordId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct AuditEntryId(Guid Value) : IStronglyTypedId<AuditEntryId>
{ public static AuditEntryId New() => new(Ids.NewValue()); public static AuditEntryId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct JoinRequestId(Guid Value) : IStronglyTypedId<JoinRequestId>
{ public static JoinRequestId New() => new(Ids.NewValue()); public static JoinRequestId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct InvitationId(Guid Value) : IStronglyTypedId<InvitationId>
{ public static InvitationId New() => new(Ids.NewValue()); public static InvitationId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }

public readonly record struct MeasureId(Guid Value) : IStronglyTypedId<MeasureId>
{ public static MeasureId New() => new(Ids.NewValue()); public static MeasureId From(Guid value) => new(value); public override string ToString() => Value.ToString(); }
