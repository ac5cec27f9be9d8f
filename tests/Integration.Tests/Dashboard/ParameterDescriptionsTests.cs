using Microsoft.Extensions.DependencyInjection;

namespace Store.Integration.Tests.Dashboard;

public sealed class ParameterDescriptionsTests(StoreAppFixture store)
{
    [Fact]
    public void Every_parameter_of_the_app_model_says_what_it_is_for()
    {
        var parameters = store.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().ToList();

        Assert.Contains(parameters, parameter => parameter.Name == "payment-latency");
        Assert.All(parameters, parameter => Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"Parameter '{parameter.Name}' has no description."));
    }
}
