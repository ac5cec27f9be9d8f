using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;
using Store.Hosting.Aws.AppModel;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A service with an external HTTP endpoint behind an internet-facing Application Load Balancer. HTTPS when the
/// stack's certificate parameter names an ACM certificate (HTTP then redirects); plain HTTP otherwise.
/// </summary>
internal sealed class PublicEntryPoint : Construct
{
    public PublicEntryPoint(Construct scope, FargateProjectService target, Network network, CfnParameter certificateArn, CfnCondition hasCertificate)
        : base(scope, $"{StackNames.Pascal(target.Service.Name)}Public")
    {
        var securityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            AllowAllOutbound = false,
            Description = $"Public entry to {target.Service.Name}",
        });
        securityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(80), "HTTP from anywhere (redirected to HTTPS when a certificate is given)");
        securityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS from anywhere");
        NagAcknowledgement.Acknowledge(securityGroup, ("EC23", "The public entry point of the system: open to the internet by design; only this load balancer is."));
        target.SecurityGroup.Connections.AllowFrom(securityGroup, Port.Tcp(ComputeService.ContainerPort), "From the public load balancer");

        var balancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = network.Vpc,
            InternetFacing = true,
            SecurityGroup = securityGroup,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
        });
        NagAcknowledgement.Acknowledge(balancer, ("ELB2", "Access logs need a bucket in a known region; the stack is environment-agnostic so publish works offline. Turn them on per deployment."));

        var targets = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = network.Vpc,
            Port = ComputeService.ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.IP,
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = target.Service.ReadinessPath,
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                HealthyThresholdCount = 2,
            },
        });
        target.Fargate.AttachToApplicationTargetGroup(targets);

        // Written in CloudFormation's own casing: inside Fn::If, CDK passes structs on as they are.
        var forward = new Dictionary<string, object> { ["Type"] = "forward", ["TargetGroupArn"] = targets.TargetGroupArn };
        var redirect = new Dictionary<string, object>
        {
            ["Type"] = "redirect",
            ["RedirectConfig"] = new Dictionary<string, object> { ["Protocol"] = "HTTPS", ["Port"] = "443", ["StatusCode"] = "HTTP_301" },
        };

        var http = new CfnListener(this, "Http", new CfnListenerProps
        {
            LoadBalancerArn = balancer.LoadBalancerArn,
            Port = 80,
            Protocol = "HTTP",
            DefaultActions = new object[] { Fn.ConditionIf(hasCertificate.LogicalId, redirect, forward) },
        });
        var https = new CfnListener(this, "Https", new CfnListenerProps
        {
            LoadBalancerArn = balancer.LoadBalancerArn,
            Port = 443,
            Protocol = "HTTPS",
            SslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06",
            Certificates = new object[] { new CfnListener.CertificateProperty { CertificateArn = certificateArn.ValueAsString } },
            DefaultActions = new object[] { new CfnListener.ActionProperty { Type = "forward", TargetGroupArn = targets.TargetGroupArn } },
        });
        https.CfnOptions.Condition = hasCertificate;

        // ECS only accepts a target group that a listener already uses: the service waits for the listener that
        // forwards to its targets, HTTP without a certificate, HTTPS with one (HTTP then only redirects). A DependsOn
        // on the conditional HTTPS listener is refused when it is not created, so that one is a reference under
        // its condition, which CloudFormation follows as a dependency only when the listener exists.
        target.Fargate.Node.AddDependency(http);
        ((CfnResource)target.Fargate.Node.DefaultChild!).AddMetadata("ForwardedToBy",
            new Dictionary<string, object> { ["Fn::If"] = new object[] { hasCertificate.LogicalId, https.Ref, Amazon.CDK.Aws.NO_VALUE } });

        var name = StackNames.Pascal(target.Service.Name);
        var secure = new CfnOutput(Stack.Of(this), $"{name}HttpsUrl", new CfnOutputProps { Description = $"Where {target.Service.Name} answers", Value = $"https://{balancer.LoadBalancerDnsName}" });
        secure.Condition = hasCertificate;
        var plain = new CfnOutput(Stack.Of(this), $"{name}HttpUrl", new CfnOutputProps { Description = $"Where {target.Service.Name} answers (no certificate given)", Value = $"http://{balancer.LoadBalancerDnsName}" });
        plain.Condition = new CfnCondition(this, "NoCertificate", new CfnConditionProps { Expression = Fn.ConditionNot(hasCertificate) });
    }
}
