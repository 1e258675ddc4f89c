using System.Globalization;
using System.Xml.Linq;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Web.Pages.Admin.Workflows;
using Commissioning.Workflows.Definitions;

namespace Commissioning.Tests.Web;

public sealed class FlowchartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The page tests' definition, every published definition in workflows/, and a few awkward shapes.</summary>
    public static TheoryData<string> Definitions()
    {
        var names = new TheoryData<string>();
        foreach (var name in Samples.Keys.Concat(Published().Select(d => d.Key)))
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void The_drawing_is_well_formed_svg_with_one_box_per_activity_and_one_path_per_connection(string name)
    {
        var definition = Find(name);

        var drawing = FlowchartSvg.Draw(definition);

        var svg = XDocument.Parse(drawing.Svg).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", svg.Attribute("role")?.Value);
        var labelledBy = svg.Attribute("aria-labelledby")!.Value.Split(' ');
        Assert.Equal(2, labelledBy.Length);
        Assert.Equal(Svg + "title", svg.Descendants().Single(e => (string?)e.Attribute("id") == labelledBy[0]).Name);
        Assert.Equal(Svg + "desc", svg.Descendants().Single(e => (string?)e.Attribute("id") == labelledBy[1]).Name);
        var nodes = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").ToList();
        Assert.Equal(definition.Root.Activities.Select(a => a.Id).Order(), nodes.Select(n => n.Attribute("data-activity")!.Value).Order());
        var edges = svg.Descendants(Svg + "path").Where(p => ((string?)p.Attribute("class"))?.Split(' ').Contains("edge") == true).ToList();
        Assert.Equal(definition.Root.Connections.Count, edges.Count);
        Assert.Equal(
            definition.Root.Connections.Select(c => $"{c.Source.Activity}/{c.Source.Port}->{c.Target.Activity}").Order(),
            edges.Select(e => $"{e.Attribute("data-from")!.Value}/{e.Attribute("data-port")!.Value}->{e.Attribute("data-to")!.Value}").Order());
        foreach (var activity in definition.Root.Activities)
        {
            var node = nodes.Single(n => n.Attribute("data-activity")!.Value == activity.Id);
            var words = string.Concat(node.Descendants(Svg + "text").Skip(1).Select(t => t.Value + " ")).Replace("…", string.Empty, StringComparison.Ordinal);
            Assert.StartsWith(words.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "?", activity.Name, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Boxes_do_not_overlap_and_stay_inside_the_drawing(string name)
    {
        var drawing = FlowchartSvg.Draw(Find(name));

        for (var i = 0; i < drawing.Nodes.Count; i++)
        {
            var a = drawing.Nodes[i];
            Assert.True(a.X >= 0 && a.Y >= 0 && a.X + a.Width <= drawing.Width && a.Y + a.Height <= drawing.Height, $"{a.ActivityId} is outside the {drawing.Width} x {drawing.Height} drawing.");
            for (var j = i + 1; j < drawing.Nodes.Count; j++)
            {
                Assert.False(a.Overlaps(drawing.Nodes[j]), $"{a.ActivityId} overlaps {drawing.Nodes[j].ActivityId}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void The_start_is_at_the_top_forward_arrows_point_down_and_only_back_edges_go_up_as_dashed_curves(string name)
    {
        var definition = Find(name);

        var drawing = FlowchartSvg.Draw(definition);

        var box = drawing.Nodes.ToDictionary(n => n.ActivityId);
        Assert.Equal(0, box[definition.Root.Start].Layer);
        Assert.Equal(box.Values.Min(b => b.Y), box[definition.Root.Start].Y);
        foreach (var edge in drawing.Edges)
        {
            var (source, target) = (box[edge.Connection.Source.Activity], box[edge.Connection.Target.Activity]);
            if (edge.IsBack)
            {
                Assert.True(target.Layer <= source.Layer, $"{edge.Connection.Source.Activity} -> {edge.Connection.Target.Activity} is drawn as a back edge but goes down.");
                Assert.Contains(" C ", edge.PathData, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(target.Layer > source.Layer, $"{edge.Connection.Source.Activity} -> {edge.Connection.Target.Activity} goes from layer {source.Layer} to {target.Layer}.");
                Assert.True(edge.Points[^1].Y > edge.Points[0].Y, $"The arrow {edge.Connection.Source.Activity} -> {edge.Connection.Target.Activity} does not point down.");
            }
        }

        var svg = XDocument.Parse(drawing.Svg).Root!;
        Assert.All(svg.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "edge edge--back"), p => Assert.NotNull(p.Attribute("stroke-dasharray")));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Arrows_do_not_cut_through_boxes_other_than_their_own_ends(string name)
    {
        var drawing = FlowchartSvg.Draw(Find(name));

        foreach (var edge in drawing.Edges)
        {
            foreach (var point in Sample(edge.PathData))
            {
                var hit = drawing.Nodes.FirstOrDefault(n =>
                    n.ActivityId != edge.Connection.Source.Activity && n.ActivityId != edge.Connection.Target.Activity
                    && point.X > n.X + 1 && point.X < n.X + n.Width - 1 && point.Y > n.Y + 1 && point.Y < n.Y + n.Height - 1);
                Assert.True(hit is null, $"The arrow {edge.Connection.Source.Activity} -{edge.Connection.Source.Port}-> {edge.Connection.Target.Activity} passes through {hit?.ActivityId} at ({point.X:0}, {point.Y:0}).");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Port_labels_do_not_cover_boxes_or_each_other(string name)
    {
        var drawing = FlowchartSvg.Draw(Find(name));

        var labels = drawing.Edges.Select(e => (Edge: e, e.Label)).ToList();
        foreach (var (edge, label) in labels)
        {
            var covered = drawing.Nodes.FirstOrDefault(n => label.Overlaps(new LabelBox(n.X, n.Y, n.Width, n.Height)));
            Assert.True(covered is null, $"The label '{edge.Connection.Source.Port}' of {edge.Connection.Source.Activity} covers {covered?.ActivityId}.");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                Assert.False(labels[i].Label.Overlaps(labels[j].Label), $"The labels '{labels[i].Edge.Connection.Source.Port}' of {labels[i].Edge.Connection.Source.Activity} and '{labels[j].Edge.Connection.Source.Port}' of {labels[j].Edge.Connection.Source.Activity} overlap.");
            }
        }
    }

    [Fact]
    public void Names_with_markup_characters_are_escaped_and_long_names_are_wrapped_onto_at_most_three_lines()
    {
        var definition = Definition("escape", "start",
            [
                Activity("start", ActivityTypes.Stage, "Check <script>alert('x')</script> & \"quote\""),
                Activity("end", ActivityTypes.End, "An end with an extraordinarily long name that cannot possibly fit on three lines of the box"),
            ],
            [Connect("start", "Done", "end")]);

        var drawing = FlowchartSvg.Draw(definition);

        var svg = XDocument.Parse(drawing.Svg).Root!;
        Assert.DoesNotContain("<script>", drawing.Svg, StringComparison.Ordinal);
        var end = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-activity") == "end");
        var lines = end.Descendants(Svg + "text").Skip(1).Select(t => t.Value).ToList();
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_follow_the_activity_type()
    {
        var drawing = FlowchartSvg.Draw(Find("page-test-review"));

        var svg = XDocument.Parse(drawing.Svg).Root!;
        XElement Node(string id) => svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-activity") == id);
        Assert.Equal("0", Node("check").Element(Svg + "rect")!.Attribute("rx")!.Value);
        Assert.NotNull(Node("diverge").Element(Svg + "polygon"));
        Assert.Equal(2, Node("approved").Elements(Svg + "rect").Count());
        Assert.True(double.Parse(Node("approved").Element(Svg + "rect")!.Attribute("rx")!.Value, CultureInfo.InvariantCulture) >= 20);
    }

    private static readonly Dictionary<string, WorkflowDefinition> Samples = new()
    {
        ["page-test-review"] = WorkflowDefinitionLoader.Load(
            Path.Combine(AppContext.BaseDirectory, "Web", "TestWorkflows", "page-test-review.v1.json"),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Web", "TestWorkflows", "page-test-review.v1.json")),
            WorkflowDefinitionSchema.Load(Path.Combine(AppContext.BaseDirectory, "workflows", WorkflowDefinitionLoader.SchemaFileName)),
            GrantWorkflowHandlers.Create()),
        ["single-step"] = Definition("single-step", "a", [Activity("a", ActivityTypes.Stage, "Only step"), Activity("z", ActivityTypes.End, "Done")], [Connect("a", "Done", "z")]),
        ["fan-out-and-long-jumps"] = Definition("fan-out-and-long-jumps", "a",
            [
                Activity("a", ActivityTypes.Stage, "Triage"),
                Activity("b", ActivityTypes.Stage, "First path"),
                Activity("c", ActivityTypes.Stage, "Second path"),
                Activity("d", ActivityTypes.Timer, "Wait a week"),
                Activity("e", ActivityTypes.Decision, "Is everything in order?"),
                Activity("f", ActivityTypes.Stage, "Fix it"),
                Activity("x", ActivityTypes.End, "Closed early"),
                Activity("y", ActivityTypes.End, "Finished"),
            ],
            [
                Connect("a", "MoreInformationNeeded", "b"), Connect("a", "ReadyForReview", "c"), Connect("a", "Withdrawn", "x"), Connect("a", "FastTrack", "y"),
                Connect("b", "Provided", "d"), Connect("c", "Reviewed", "e"), Connect("d", "Elapsed", "e"),
                Connect("e", "True", "y"), Connect("e", "False", "f"), Connect("f", "Fixed", "e"), Connect("f", "GiveUp", "a"), Connect("f", "Stop", "x"),
            ]),
        ["self-loop"] = Definition("self-loop", "a",
            [Activity("a", ActivityTypes.Stage, "Collect returns"), Activity("z", ActivityTypes.End, "Done")],
            [Connect("a", "ReturnAccepted", "a"), Connect("a", "AllIn", "z")]),
    };

    private static Dictionary<string, WorkflowDefinition> Published()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        return WorkflowDefinitionLoader.LoadFolder(folder, GrantWorkflowHandlers.Create()).ToDictionary(d => d.Key);
    }

    private static WorkflowDefinition Find(string name) => Samples.TryGetValue(name, out var sample) ? sample : Published()[name];

    private static WorkflowDefinition Definition(string id, string start, IReadOnlyList<ActivityDefinition> activities, IReadOnlyList<Connection> connections) =>
        new(id, 1, id, null, null, new Flowchart("Flowchart", start, activities, connections));

    private static ActivityDefinition Activity(string id, string type, string name) => new(id, type, name);

    private static Connection Connect(string from, string port, string to) => new(new Endpoint(from, port), new Endpoint(to, "In"));

    /// <summary>Points along an SVG path made of M, L and C commands, 24 per curve.</summary>
    private static IEnumerable<DiagramPoint> Sample(string path)
    {
        var tokens = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = new DiagramPoint(0, 0);
        double Read(int i) => double.Parse(tokens[i], CultureInfo.InvariantCulture);
        for (var i = 0; i < tokens.Length;)
        {
            switch (tokens[i])
            {
                case "M":
                    current = new DiagramPoint(Read(i + 1), Read(i + 2));
                    i += 3;
                    break;
                case "L":
                    var to = new DiagramPoint(Read(i + 1), Read(i + 2));
                    for (var s = 1; s <= 24; s++)
                    {
                        var t = s / 24.0;
                        yield return new DiagramPoint(current.X + ((to.X - current.X) * t), current.Y + ((to.Y - current.Y) * t));
                    }

                    current = to;
                    i += 3;
                    break;
                case "C":
                    var (c1, c2, end) = (new DiagramPoint(Read(i + 1), Read(i + 2)), new DiagramPoint(Read(i + 3), Read(i + 4)), new DiagramPoint(Read(i + 5), Read(i + 6)));
                    for (var s = 1; s < 24; s++)
                    {
                        var t = s / 24.0;
                        var u = 1 - t;
                        yield return new DiagramPoint(
                            (u * u * u * current.X) + (3 * u * u * t * c1.X) + (3 * u * t * t * c2.X) + (t * t * t * end.X),
                            (u * u * u * current.Y) + (3 * u * u * t * c1.Y) + (3 * u * t * t * c2.Y) + (t * t * t * end.Y));
                    }

                    current = end;
                    i += 7;
                    break;
                default:
                    throw new FormatException($"Unexpected '{tokens[i]}' in the path {path}.");
            }
        }
    }
}
