using Commissioning.Domain.Common;
using Commissioning.Web.Pages;

namespace Commissioning.Tests.Web;

public sealed class HomePageTests
{
    [Fact]
    public void Staff_see_this_years_budgets_when_they_are_set()
    {
        Assert.Equal(new FinancialYear(2027), IndexModel.BudgetYearToShow([new FinancialYear(2026), new FinancialYear(2027)], new FinancialYear(2027)));
    }

    [Fact]
    public void Before_this_years_budgets_are_set_staff_see_the_latest_earlier_year()
    {
        Assert.Equal(new FinancialYear(2026), IndexModel.BudgetYearToShow([new FinancialYear(2025), new FinancialYear(2026), new FinancialYear(2029)], new FinancialYear(2027)));
    }

    [Fact]
    public void With_only_future_budgets_staff_see_the_first_of_them()
    {
        Assert.Equal(new FinancialYear(2028), IndexModel.BudgetYearToShow([new FinancialYear(2029), new FinancialYear(2028)], new FinancialYear(2027)));
    }
}
