using System.Globalization;
using System.Xml.Linq;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Definitions;

namespace Commissioning.Web.Pages.Admin.Workflows;

/// <summary>
/// Draws a workflow definition's flowchart as an SVG on the server, so it needs no JavaScript. The layout is a
/// small layered (Sugiyama-style) drawing from the start at the top: back edges are found by a depth-first search
/// from the start and set aside, so the rest is acyclic; each activity's layer is its longest path from the start;
/// connections that span layers pass through reserved slots in the layers between, so they never cut through a box;
/// the order within each layer is improved by barycentre sweeps keeping the one with the fewest crossings; and x
/// positions are the least-squares fit to the neighbours' positions that keeps the order and the minimum gaps.
/// </summary>
public static class FlowchartSvg
{
    private const double Margin = 24;
    private const double TopMargin = 56;
    private const double LayerGap = 84;
    private const double NodeGap = 48;
    private const double ChannelGap = 22;
    private const double ChannelWidth = 8;
    private const double SelfLoopRoom = 46;
    private const double TypeFontSize = 12;
    private const double NameFontSize = 14;
    private const double NameLineHeight = 18;
    private const double NameCharWidth = 8.2;
    private const double LabelFontSize = 12;
    private const double LabelCharWidth = 6.7;
    private const int MaxNameLines = 3;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static FlowchartDrawing Draw(WorkflowDefinition definition, string idPrefix = "flowchart")
    {
        var layout = new Layout(definition.Root);
        layout.Run();
        return Render(definition, layout, idPrefix);
    }

    private static FlowchartDrawing Render(WorkflowDefinition definition, Layout layout, string idPrefix)
    {
        var titleId = $"{idPrefix}-title";
        var descId = $"{idPrefix}-desc";
        var arrowId = $"{idPrefix}-arrow";
        var backArrowId = $"{idPrefix}-arrow-back";
        var start = layout.Nodes.FirstOrDefault(n => n.Activity.Id == definition.Root.Start);
        var backCount = layout.Edges.Count(e => e.IsBack);

        var root = new XElement(Svg + "svg",
            new XAttribute("xmlns", Svg.NamespaceName),
            new XAttribute("class", "app-flowchart__svg"),
            new XAttribute("width", Number(layout.Width)),
            new XAttribute("height", Number(layout.Height)),
            new XAttribute("viewBox", $"0 0 {Number(layout.Width)} {Number(layout.Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{titleId} {descId}"),
            new XAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"),
            new XElement(Svg + "title", new XAttribute("id", titleId), $"Flowchart of {definition.Name}, version {definition.Version}"),
            new XElement(Svg + "desc", new XAttribute("id", descId),
                $"{layout.Nodes.Count} {(layout.Nodes.Count == 1 ? "activity" : "activities")} and {WorkflowWords.Plural(layout.Edges.Count, "connection")}, drawn from the start, ‘{start?.Activity.Name}’, at the top. "
                + (backCount > 0 ? $"{WorkflowWords.Plural(backCount, "dashed curved arrow")} go back to an earlier activity. " : string.Empty)
                + "The table of activities on this page gives the same information as text."),
            new XElement(Svg + "defs",
                Marker(arrowId, EdgeColour),
                Marker(backArrowId, BackEdgeColour)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")));

        if (start is not null)
        {
            var top = start.Y - (start.Height / 2);
            root.Add(new XElement(Svg + "g", new XAttribute("class", "start"),
                new XElement(Svg + "circle", Attr("cx", start.X), Attr("cy", top - 34), Attr("r", 7), new XAttribute("fill", "#0b0c0c")),
                new XElement(Svg + "line", Attr("x1", start.X), Attr("y1", top - 27), Attr("x2", start.X), Attr("y2", top), new XAttribute("stroke", EdgeColour), new XAttribute("stroke-width", "1.5"), new XAttribute("marker-end", $"url(#{arrowId})")),
                Text(start.X + 14, top - 30, "Start", LabelFontSize, "start", "#0b0c0c", "600")));
        }

        var edges = new XElement(Svg + "g", new XAttribute("class", "edges"));
        foreach (var edge in layout.Edges)
        {
            edges.Add(new XElement(Svg + "path",
                new XAttribute("class", edge.IsBack ? "edge edge--back" : "edge"),
                new XAttribute("data-from", edge.Connection.Source.Activity),
                new XAttribute("data-to", edge.Connection.Target.Activity),
                new XAttribute("data-port", edge.Connection.Source.Port),
                new XAttribute("d", edge.PathData),
                new XAttribute("fill", "none"),
                new XAttribute("stroke", edge.IsBack ? BackEdgeColour : EdgeColour),
                new XAttribute("stroke-width", edge.IsBack ? "2" : "1.5"),
                edge.IsBack ? new XAttribute("stroke-dasharray", "7 4") : null,
                new XAttribute("marker-end", $"url(#{(edge.IsBack ? backArrowId : arrowId)})")));
        }

        root.Add(edges);
        var nodes = new XElement(Svg + "g", new XAttribute("class", "nodes"));
        foreach (var node in layout.Nodes)
        {
            nodes.Add(NodeElement(node));
        }

        root.Add(nodes);
        var labels = new XElement(Svg + "g", new XAttribute("class", "edge-labels"));
        foreach (var edge in layout.Edges)
        {
            var label = edge.Label;
            labels.Add(new XElement(Svg + "g", new XAttribute("class", "edge-label"),
                new XElement(Svg + "rect", Attr("x", label.X), Attr("y", label.Y), Attr("width", label.Width), Attr("height", label.Height), Attr("rx", 3), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", edge.IsBack ? BackEdgeColour : "#b1b4b6"), new XAttribute("stroke-width", "1")),
                Text(label.X + (label.Width / 2), label.Y + 13, edge.LabelText, LabelFontSize, "middle", edge.IsBack ? "#003078" : "#0b0c0c", "400")));
        }

        root.Add(labels);
        return new FlowchartDrawing(
            root.ToString(SaveOptions.DisableFormatting),
            layout.Width,
            layout.Height,
            [.. layout.Nodes.Select(n => new NodeBox(n.Activity.Id, n.Activity.Type, n.X - (n.Width / 2), n.Y - (n.Height / 2), n.Width, n.Height, n.Layer))],
            [.. layout.Edges.Select(e => new EdgeRoute(e.Connection, e.IsBack, e.Points, e.PathData, e.Label))]);
    }

    private const string EdgeColour = "#505a5f";

    private const string BackEdgeColour = "#1d70b8";

    private static XElement NodeElement(Node node)
    {
        var left = node.X - (node.Width / 2);
        var top = node.Y - (node.Height / 2);
        var group = new XElement(Svg + "g", new XAttribute("class", "node"), new XAttribute("data-activity", node.Activity.Id), new XAttribute("data-type", WorkflowWords.TypeName(node.Activity.Type)));
        switch (node.Activity.Type)
        {
            case ActivityTypes.Decision:
                group.Add(new XElement(Svg + "polygon",
                    new XAttribute("points", $"{Number(node.X)},{Number(top)} {Number(left + node.Width)},{Number(node.Y)} {Number(node.X)},{Number(top + node.Height)} {Number(left)},{Number(node.Y)}"),
                    new XAttribute("fill", "#fff7bf"), new XAttribute("stroke", "#0b0c0c"), new XAttribute("stroke-width", "2")));
                break;
            case ActivityTypes.Timer:
                group.Add(Rect(left, top, node.Width, node.Height, 16, "#f3f1f9", "#4c2c92", 2));
                break;
            case ActivityTypes.End:
                group.Add(Rect(left, top, node.Width, node.Height, node.Height / 2, "#e6f2ec", "#00703c", 2));
                group.Add(Rect(left + 4, top + 4, node.Width - 8, node.Height - 8, (node.Height / 2) - 4, "none", "#00703c", 1.5));
                break;
            default:
                group.Add(Rect(left, top, node.Width, node.Height, 0, "#e8f1f8", "#1d70b8", 2));
                break;
        }

        var blockHeight = TypeFontSize + 4 + (node.Lines.Count * NameLineHeight);
        var y = node.Y - (blockHeight / 2) + TypeFontSize - 1;
        group.Add(Text(node.X, y, WorkflowWords.TypeName(node.Activity.Type), TypeFontSize, "middle", "#484949", "400"));
        foreach (var line in node.Lines)
        {
            y += NameLineHeight;
            group.Add(Text(node.X, y, line, NameFontSize, "middle", "#0b0c0c", "700"));
        }

        return group;
    }

    private static XElement Marker(string id, string colour) =>
        new(Svg + "marker",
            new XAttribute("id", id),
            new XAttribute("viewBox", "0 0 10 10"),
            new XAttribute("refX", "10"),
            new XAttribute("refY", "5"),
            new XAttribute("markerWidth", "8"),
            new XAttribute("markerHeight", "8"),
            new XAttribute("markerUnits", "userSpaceOnUse"),
            new XAttribute("orient", "auto"),
            new XElement(Svg + "path", new XAttribute("class", "arrowhead"), new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", colour)));

    private static XElement Rect(double x, double y, double width, double height, double radius, string fill, string stroke, double strokeWidth) =>
        new(Svg + "rect", Attr("x", x), Attr("y", y), Attr("width", width), Attr("height", height), Attr("rx", radius), new XAttribute("fill", fill), new XAttribute("stroke", stroke), Attr("stroke-width", strokeWidth));

    private static XElement Text(double x, double y, string text, double size, string anchor, string colour, string weight) =>
        new(Svg + "text", Attr("x", x), Attr("y", y), Attr("font-size", size), new XAttribute("text-anchor", anchor == "start" ? "start" : "middle"), new XAttribute("fill", colour), new XAttribute("font-weight", weight), text);

    private static XAttribute Attr(string name, double value) => new(name, Number(value));

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Words wrapped greedily into lines of at most <paramref name="maxChars"/>; a name too long for the lines ends with an ellipsis.</summary>
    internal static IReadOnlyList<string> Wrap(string text, int maxChars, int maxLines)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > maxChars)
            {
                if (current.Length > 0)
                {
                    lines.Add(current);
                    current = string.Empty;
                }

                lines.Add(rest[..maxChars]);
                rest = rest[maxChars..];
            }

            if (current.Length == 0)
            {
                current = rest;
            }
            else if (current.Length + 1 + rest.Length <= maxChars)
            {
                current += " " + rest;
            }
            else
            {
                lines.Add(current);
                current = rest;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > maxLines)
        {
            var last = lines[maxLines - 1];
            lines = [.. lines.Take(maxLines - 1), (last.Length >= maxChars ? last[..(maxChars - 1)] : last) + "…"];
        }

        return lines.Count == 0 ? [string.Empty] : lines;
    }

    private sealed class Node(ActivityDefinition activity, int index)
    {
        public ActivityDefinition Activity => activity;

        public int Index => index;

        public int Layer { get; set; }

        public IReadOnlyList<string> Lines { get; set; } = [];

        public double Width { get; set; }

        public double Height { get; set; }

        public double X { get; set; }

        public double Y { get; set; }

        public bool HasSelfLoop => SelfLoopRoom > 0;

        /// <summary>Room kept on the right of a box whose connection loops back to itself, for the loop and its label.</summary>
        public double SelfLoopRoom { get; set; }

        /// <summary>The boundary point at a horizontal offset from the centre, on the top or bottom side.</summary>
        public DiagramPoint Anchor(double dx, bool bottom)
        {
            var sign = bottom ? 1 : -1;
            if (Activity.Type == ActivityTypes.Decision)
            {
                return new DiagramPoint(X + dx, Y + (sign * (Height / 2) * (1 - (Math.Abs(dx) / (Width / 2)))));
            }

            return new DiagramPoint(X + dx, Y + (sign * Height / 2));
        }

        public double AnchorRange => Activity.Type switch
        {
            ActivityTypes.Decision => (Width / 2) - 40,
            ActivityTypes.End => (Width / 2) - (Height / 2),
            ActivityTypes.Timer => (Width / 2) - 20,
            _ => (Width / 2) - 8,
        };
    }

    /// <summary>A slot in a layer: an activity, or a point a long connection passes through.</summary>
    private sealed class Slot(Node? node, int edge, int layer)
    {
        public Node? Node => node;

        public int Edge => edge;

        public int Layer => layer;

        public double Width => Node is null ? ChannelWidth : Node.Width + Node.SelfLoopRoom;

        /// <summary>Centre of the slot; a self loop's extra room is on the right, so the node's own centre is shifted left of it.</summary>
        public double X { get; set; }

        public double SortKey { get; set; }

        public int Order { get; set; }

        public List<Slot> Up { get; } = [];

        public List<Slot> Down { get; } = [];
    }

    private sealed class Edge(Connection connection, int index, bool isBack)
    {
        public Connection Connection => connection;

        public int Index => index;

        public bool IsBack => isBack;

        public string LabelText => WorkflowWords.Humanise(connection.Source.Port);

        public List<Slot> Chain { get; } = [];

        public IReadOnlyList<DiagramPoint> Points { get; set; } = [];

        public string PathData { get; set; } = string.Empty;

        public LabelBox Label { get; set; } = new(0, 0, 0, 0);

        /// <summary>Points along the drawn arrow, so labels of other arrows can keep off it.</summary>
        public List<DiagramPoint> Samples { get; } = [];

        /// <summary>Where the port label may go, best first: along the first stretch of the arrow, on it or beside it.</summary>
        public IReadOnlyList<DiagramPoint> LabelCandidates { get; set; } = [];

        /// <summary>Offsets of the first and last points along the nodes' sides, to keep arrows apart.</summary>
        public double StartOffset { get; set; }

        public double EndOffset { get; set; }
    }

    private sealed class Layout(Flowchart flowchart)
    {
        public List<Node> Nodes { get; } = [];

        public List<Edge> Edges { get; } = [];

        public double Width { get; private set; }

        public double Height { get; private set; }

        private readonly List<List<Slot>> _layers = [];

        private readonly Dictionary<Node, Slot> _slotOf = [];

        public void Run()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var activity in flowchart.Activities)
            {
                var node = new Node(activity, Nodes.Count);
                ids.TryAdd(activity.Id, node.Index);
                Nodes.Add(node);
            }

            var connections = flowchart.Connections
                .Select((c, i) => (Connection: c, Index: i))
                .Where(c => ids.ContainsKey(c.Connection.Source.Activity) && ids.ContainsKey(c.Connection.Target.Activity))
                .ToList();
            var outgoing = Nodes.Select(_ => new List<(Connection Connection, int Index)>()).ToArray();
            foreach (var c in connections)
            {
                outgoing[ids[c.Connection.Source.Activity]].Add(c);
            }

            var (back, preorder) = FindBackEdges(ids, outgoing);
            foreach (var c in connections)
            {
                Edges.Add(new Edge(c.Connection, c.Index, back.Contains(c.Index)));
            }

            AssignLayers(ids, outgoing, back, preorder);
            Size();
            BuildSlots(ids, preorder);
            Order();
            PlaceHorizontally();
            PlaceVertically();
            Route(ids);
        }

        /// <summary>Depth-first from the start (then from anything not reached): an edge to an activity still on the stack closes a cycle.</summary>
        private (HashSet<int> Back, int[] Preorder) FindBackEdges(Dictionary<string, int> ids, List<(Connection Connection, int Index)>[] outgoing)
        {
            var state = new int[Nodes.Count];
            var preorder = Enumerable.Repeat(-1, Nodes.Count).ToArray();
            var back = new HashSet<int>();
            var counter = 0;
            var start = ids.TryGetValue(flowchart.Start, out var s) ? s : 0;
            foreach (var root in new[] { start }.Concat(Enumerable.Range(0, Nodes.Count)))
            {
                if (Nodes.Count == 0 || state[root] != 0)
                {
                    continue;
                }

                var stack = new Stack<(int Node, int Next)>();
                state[root] = 1;
                preorder[root] = counter++;
                stack.Push((root, 0));
                while (stack.Count > 0)
                {
                    var (u, next) = stack.Pop();
                    if (next < outgoing[u].Count)
                    {
                        stack.Push((u, next + 1));
                        var (connection, index) = outgoing[u][next];
                        var v = ids[connection.Target.Activity];
                        if (state[v] == 1)
                        {
                            back.Add(index);
                        }
                        else if (state[v] == 0)
                        {
                            state[v] = 1;
                            preorder[v] = counter++;
                            stack.Push((v, 0));
                        }
                    }
                    else
                    {
                        state[u] = 2;
                    }
                }
            }

            return (back, preorder);
        }

        /// <summary>Each activity's layer is its longest path from the start over the forward connections (breadth-first, in topological order).</summary>
        private void AssignLayers(Dictionary<string, int> ids, List<(Connection Connection, int Index)>[] outgoing, HashSet<int> back, int[] preorder)
        {
            var indegree = new int[Nodes.Count];
            foreach (var list in outgoing)
            {
                foreach (var (connection, index) in list.Where(c => !back.Contains(c.Index)))
                {
                    indegree[ids[connection.Target.Activity]]++;
                }
            }

            var queue = new Queue<int>(Enumerable.Range(0, Nodes.Count).Where(i => indegree[i] == 0).OrderBy(i => preorder[i]));
            while (queue.TryDequeue(out var u))
            {
                foreach (var (connection, _) in outgoing[u].Where(c => !back.Contains(c.Index)))
                {
                    var v = ids[connection.Target.Activity];
                    Nodes[v].Layer = Math.Max(Nodes[v].Layer, Nodes[u].Layer + 1);
                    if (--indegree[v] == 0)
                    {
                        queue.Enqueue(v);
                    }
                }
            }
        }

        private void Size()
        {
            foreach (var node in Nodes)
            {
                var (width, textWidth) = node.Activity.Type switch
                {
                    ActivityTypes.Decision => (230.0, 230 * 0.55),
                    ActivityTypes.End => (190.0, 190 - 44.0),
                    _ => (210.0, 210 - 24.0),
                };
                node.Width = width;
                node.Lines = Wrap(node.Activity.Name, Math.Max(6, (int)(textWidth / NameCharWidth)), MaxNameLines);
                var block = TypeFontSize + 4 + (node.Lines.Count * NameLineHeight);
                node.Height = node.Activity.Type switch
                {
                    ActivityTypes.Decision => block + 56,
                    ActivityTypes.End => block + 22,
                    _ => block + 26,
                };
            }

            foreach (var edge in Edges.Where(e => e.Connection.Source.Activity == e.Connection.Target.Activity))
            {
                var node = Nodes.First(n => n.Activity.Id == edge.Connection.Source.Activity);
                node.SelfLoopRoom = Math.Max(node.SelfLoopRoom, SelfLoopRoom + LabelWidth(edge));
            }
        }

        private void BuildSlots(Dictionary<string, int> ids, int[] preorder)
        {
            var layerCount = Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Layer) + 1;
            for (var l = 0; l < layerCount; l++)
            {
                _layers.Add([]);
            }

            foreach (var node in Nodes)
            {
                var slot = new Slot(node, -1, node.Layer) { SortKey = preorder[node.Index] };
                _slotOf[node] = slot;
                _layers[node.Layer].Add(slot);
            }

            foreach (var edge in Edges)
            {
                var source = Nodes[ids[edge.Connection.Source.Activity]];
                var target = Nodes[ids[edge.Connection.Target.Activity]];
                if (source == target)
                {
                    continue;
                }

                var (upper, lower) = edge.IsBack ? (target, source) : (source, target);
                edge.Chain.Add(_slotOf[upper]);
                for (var l = upper.Layer + 1; l < lower.Layer; l++)
                {
                    var channel = new Slot(null, edge.Index, l) { SortKey = preorder[source.Index] + 0.5 };
                    _layers[l].Add(channel);
                    edge.Chain.Add(channel);
                }

                edge.Chain.Add(_slotOf[lower]);
                for (var i = 1; i < edge.Chain.Count; i++)
                {
                    edge.Chain[i - 1].Down.Add(edge.Chain[i]);
                    edge.Chain[i].Up.Add(edge.Chain[i - 1]);
                }
            }

            foreach (var layer in _layers)
            {
                Renumber(layer, layer.OrderBy(s => s.SortKey).ToList());
            }
        }

        /// <summary>Barycentre sweeps down and up; the ordering with the fewest crossings wins.</summary>
        private void Order()
        {
            var best = Snapshot();
            var bestCrossings = Crossings();
            for (var iteration = 0; iteration < 12 && bestCrossings > 0; iteration++)
            {
                for (var l = 1; l < _layers.Count; l++)
                {
                    Sweep(_layers[l], s => s.Up);
                }

                for (var l = _layers.Count - 2; l >= 0; l--)
                {
                    Sweep(_layers[l], s => s.Down);
                }

                var crossings = Crossings();
                if (crossings < bestCrossings)
                {
                    bestCrossings = crossings;
                    best = Snapshot();
                }
            }

            for (var l = 0; l < _layers.Count; l++)
            {
                Renumber(_layers[l], best[l]);
            }
        }

        private static void Sweep(List<Slot> layer, Func<Slot, List<Slot>> neighbours)
        {
            foreach (var slot in layer)
            {
                var list = neighbours(slot);
                slot.SortKey = list.Count == 0 ? slot.Order : list.Average(n => n.Order);
            }

            Renumber(layer, layer.OrderBy(s => s.SortKey).ThenBy(s => s.Order).ToList());
        }

        private static void Renumber(List<Slot> layer, List<Slot> ordered)
        {
            layer.Clear();
            layer.AddRange(ordered);
            for (var i = 0; i < layer.Count; i++)
            {
                layer[i].Order = i;
            }
        }

        private List<List<Slot>> Snapshot() => [.. _layers.Select(l => l.ToList())];

        private int Crossings()
        {
            var total = 0;
            foreach (var layer in _layers)
            {
                var links = layer.SelectMany(a => a.Down.Select(b => (A: a.Order, B: b.Order))).ToList();
                for (var i = 0; i < links.Count; i++)
                {
                    for (var j = i + 1; j < links.Count; j++)
                    {
                        if ((links[i].A - links[j].A) * (links[i].B - links[j].B) < 0)
                        {
                            total++;
                        }
                    }
                }
            }

            return total;
        }

        private static double Separation(Slot left, Slot right) =>
            (left.Width / 2) + (right.Width / 2) + (left.Node is not null && right.Node is not null ? NodeGap : ChannelGap);

        private void PlaceHorizontally()
        {
            foreach (var layer in _layers)
            {
                var x = 0.0;
                for (var i = 0; i < layer.Count; i++)
                {
                    x += i == 0 ? 0 : Separation(layer[i - 1], layer[i]);
                    layer[i].X = x;
                }

                var middle = layer.Count == 0 ? 0 : (layer[0].X + layer[^1].X) / 2;
                foreach (var slot in layer)
                {
                    slot.X -= middle;
                }
            }

            for (var iteration = 0; iteration < 8; iteration++)
            {
                for (var l = 1; l < _layers.Count; l++)
                {
                    Fit(_layers[l], s => s.Up);
                }

                for (var l = _layers.Count - 2; l >= 0; l--)
                {
                    Fit(_layers[l], s => s.Down);
                }
            }

            foreach (var layer in _layers)
            {
                Fit(layer, s => [.. s.Up, .. s.Down]);
            }

            var slots = _layers.SelectMany(l => l).ToList();
            var left = slots.Count == 0 ? 0 : slots.Min(s => s.X - (s.Width / 2));
            foreach (var slot in slots)
            {
                slot.X += Margin - left;
                if (slot.Node is { } node)
                {
                    node.X = slot.X - (node.SelfLoopRoom / 2);
                }
            }

            Width = (slots.Count == 0 ? 0 : slots.Max(s => s.X + (s.Width / 2))) + Margin;
        }

        /// <summary>
        /// Moves each slot of a layer towards the mean position of its neighbours, keeping the order and the minimum
        /// gaps: the least-squares solution, by pool-adjacent-violators on positions less their cumulative gaps.
        /// </summary>
        private static void Fit(List<Slot> layer, Func<Slot, List<Slot>> neighbours)
        {
            if (layer.Count == 0)
            {
                return;
            }

            var offsets = new double[layer.Count];
            for (var i = 1; i < layer.Count; i++)
            {
                offsets[i] = offsets[i - 1] + Separation(layer[i - 1], layer[i]);
            }

            var blocks = new List<(double Sum, double Weight, int Count)>();
            for (var i = 0; i < layer.Count; i++)
            {
                var list = neighbours(layer[i]);
                var desired = list.Count == 0 ? layer[i].X : list.Average(n => n.X);
                var weight = list.Count == 0 ? 0.25 : layer[i].Node is null ? 2 : 1;
                blocks.Add(((desired - offsets[i]) * weight, weight, 1));
                while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight > blocks[^1].Sum / blocks[^1].Weight)
                {
                    var merged = (blocks[^2].Sum + blocks[^1].Sum, blocks[^2].Weight + blocks[^1].Weight, blocks[^2].Count + blocks[^1].Count);
                    blocks.RemoveRange(blocks.Count - 2, 2);
                    blocks.Add(merged);
                }
            }

            var index = 0;
            foreach (var block in blocks)
            {
                var value = block.Sum / block.Weight;
                for (var k = 0; k < block.Count; k++, index++)
                {
                    layer[index].X = value + offsets[index];
                }
            }
        }

        private readonly List<(double Top, double Bottom)> _bands = [];

        private void PlaceVertically()
        {
            var y = TopMargin;
            foreach (var layer in _layers)
            {
                var height = layer.Where(s => s.Node is not null).Select(s => s.Node!.Height).DefaultIfEmpty(24).Max();
                _bands.Add((y, y + height));
                foreach (var slot in layer.Where(s => s.Node is not null))
                {
                    slot.Node!.Y = y + (height / 2);
                }

                y += height + LayerGap;
            }

            Height = y - LayerGap + Margin + 16;
        }

        private void Route(Dictionary<string, int> ids)
        {
            DistributeAnchors(ids);
            foreach (var edge in Edges)
            {
                var source = Nodes[ids[edge.Connection.Source.Activity]];
                var target = Nodes[ids[edge.Connection.Target.Activity]];
                if (source == target)
                {
                    var right = source.X + (source.Width / 2);
                    var from = new DiagramPoint(right, source.Y - 10);
                    var to = new DiagramPoint(right, source.Y + 10);
                    edge.Points = [from, to];
                    edge.PathData = $"M {P(from)} C {P(new DiagramPoint(right + 40, source.Y - 40))} {P(new DiagramPoint(right + 40, source.Y + 40))} {P(to)}";
                    edge.Samples.AddRange(Enumerable.Range(0, 17).Select(k => Bezier([from, new DiagramPoint(right + 40, source.Y - 40), new DiagramPoint(right + 40, source.Y + 40), to], k / 16.0)));
                    var labelX = right + SelfLoopRoom + (LabelWidth(edge) / 2);
                    edge.LabelCandidates = [new DiagramPoint(labelX, source.Y), new DiagramPoint(labelX, source.Y - 22), new DiagramPoint(labelX, source.Y + 22)];
                    continue;
                }

                var points = new List<DiagramPoint>();
                var channels = edge.Chain.Skip(1).Take(edge.Chain.Count - 2).ToList();
                if (!edge.IsBack)
                {
                    points.Add(source.Anchor(edge.StartOffset, bottom: true));
                    foreach (var channel in channels)
                    {
                        points.Add(new DiagramPoint(channel.X, _bands[channel.Layer].Top));
                        points.Add(new DiagramPoint(channel.X, _bands[channel.Layer].Bottom));
                    }

                    points.Add(target.Anchor(edge.EndOffset, bottom: false));
                }
                else
                {
                    points.Add(source.Anchor(edge.StartOffset, bottom: false));
                    foreach (var channel in Enumerable.Reverse(channels))
                    {
                        points.Add(new DiagramPoint(channel.X, _bands[channel.Layer].Bottom));
                        points.Add(new DiagramPoint(channel.X, _bands[channel.Layer].Top));
                    }

                    points.Add(target.Anchor(edge.EndOffset, bottom: true));
                }

                edge.Points = points;
                var path = new System.Text.StringBuilder($"M {P(points[0])}");
                var first = Array.Empty<DiagramPoint>();
                var channelMiddles = new List<DiagramPoint>();
                for (var i = 1; i < points.Count; i++)
                {
                    var (a, b) = (points[i - 1], points[i]);
                    var throughChannel = channels.Count > 0 && i % 2 == 0 && i < points.Count - 1;
                    if (throughChannel)
                    {
                        path.Append($" L {P(b)}");
                        channelMiddles.Add(new DiagramPoint(a.X, (a.Y + b.Y) / 2));
                        edge.Samples.AddRange(Enumerable.Range(0, 9).Select(k => new DiagramPoint(a.X + ((b.X - a.X) * k / 8), a.Y + ((b.Y - a.Y) * k / 8))));
                        continue;
                    }

                    var half = (b.Y - a.Y) / 2;
                    var bulge = edge.IsBack && Math.Abs(b.X - a.X) < 24 ? 46 : 0;
                    var c1 = new DiagramPoint(a.X + bulge, a.Y + half);
                    var c2 = new DiagramPoint(b.X + bulge, b.Y - half);
                    path.Append($" C {P(c1)} {P(c2)} {P(b)}");
                    edge.Samples.AddRange(Enumerable.Range(0, 17).Select(k => Bezier([a, c1, c2, b], k / 16.0)));
                    if (i == 1)
                    {
                        first = [a, c1, c2, b];
                    }
                }

                edge.PathData = path.ToString();
                var beside = (LabelWidth(edge) / 2) + 5;
                edge.LabelCandidates = [.. new[] { 0.5, 0.35, 0.65, 0.22, 0.78 }
                    .Select(t => Bezier(first, t))
                    .Concat(channelMiddles)
                    .SelectMany(p => new[] { p, p with { X = p.X + beside }, p with { X = p.X - beside } })];
            }

            PlaceLabels();
        }

        /// <summary>
        /// Puts each port label at its first candidate that covers no box, no other label and no arrow's end (where
        /// arrowheads meet the boxes); if none is free, at the first candidate.
        /// </summary>
        private void PlaceLabels()
        {
            var obstacles = Nodes.Select(n => new LabelBox(n.X - (n.Width / 2), n.Y - (n.Height / 2), n.Width, n.Height)).ToList();
            obstacles.AddRange(Edges.Where(e => e.Points.Count > 0).SelectMany(e => new[] { e.Points[0], e.Points[^1] }).Select(p => new LabelBox(p.X - 6, p.Y - 12, 12, 24)));
            var placed = new List<LabelBox>();
            foreach (var edge in Edges)
            {
                var width = LabelWidth(edge);
                const double height = 18;
                var boxes = edge.LabelCandidates.Select(c => new LabelBox(Math.Max(2, c.X - (width / 2)), c.Y - (height / 2), width, height)).ToList();
                var otherLines = Edges.Where(e => e != edge).SelectMany(e => e.Samples).ToList();
                bool Free(LabelBox box) => !placed.Any(p => p.Overlaps(box, 2)) && !obstacles.Take(Nodes.Count).Any(o => o.Overlaps(box, 2));
                bool ClearOfArrowheads(LabelBox box) => !obstacles.Skip(Nodes.Count).Any(o => o.Overlaps(box, 2));
                bool ClearOfLines(LabelBox box) => !otherLines.Any(p => p.X > box.X - 2 && p.X < box.X + box.Width + 2 && p.Y > box.Y - 2 && p.Y < box.Y + box.Height + 2);
                var chosen = boxes.FirstOrDefault(b => Free(b) && ClearOfArrowheads(b) && ClearOfLines(b))
                    ?? boxes.FirstOrDefault(b => Free(b) && ClearOfArrowheads(b))
                    ?? boxes.FirstOrDefault(Free)
                    ?? boxes[0];
                Width = Math.Max(Width, chosen.X + chosen.Width + 4);
                placed.Add(chosen);
                edge.Label = chosen;
            }
        }

        /// <summary>Spreads the arrows meeting one side of a box along it, in the order of where they come from, so they do not overlap.</summary>
        private void DistributeAnchors(Dictionary<string, int> ids)
        {
            var sides = new Dictionary<(Node Node, bool Bottom), List<(Edge Edge, bool IsStart, double Towards)>>();
            void Add(Node node, bool bottom, Edge edge, bool isStart, double towards)
            {
                if (!sides.TryGetValue((node, bottom), out var list))
                {
                    sides[(node, bottom)] = list = [];
                }

                list.Add((edge, isStart, towards));
            }

            foreach (var edge in Edges.Where(e => e.Chain.Count >= 2))
            {
                var source = Nodes[ids[edge.Connection.Source.Activity]];
                var target = Nodes[ids[edge.Connection.Target.Activity]];
                var afterUpper = edge.Chain[1].X;
                var beforeLower = edge.Chain[^2].X;
                if (!edge.IsBack)
                {
                    Add(source, true, edge, true, afterUpper);
                    Add(target, false, edge, false, beforeLower);
                }
                else
                {
                    Add(source, false, edge, true, beforeLower);
                    Add(target, true, edge, false, afterUpper);
                }
            }

            foreach (var ((node, _), list) in sides)
            {
                var ordered = list.OrderBy(x => x.Towards).ThenBy(x => x.Edge.Index).ToList();
                var range = Math.Max(0, node.AnchorRange);
                var spacing = ordered.Count <= 1 ? 0 : Math.Min(node.Activity.Type == ActivityTypes.Decision ? 56 : 36, 2 * range / (ordered.Count - 1));
                for (var i = 0; i < ordered.Count; i++)
                {
                    var offset = (i - ((ordered.Count - 1) / 2.0)) * spacing;
                    if (ordered[i].IsStart)
                    {
                        ordered[i].Edge.StartOffset = offset;
                    }
                    else
                    {
                        ordered[i].Edge.EndOffset = offset;
                    }
                }
            }
        }

        private static double LabelWidth(Edge edge) => (edge.LabelText.Length * LabelCharWidth) + 12;

        private static DiagramPoint Bezier(DiagramPoint[] curve, double t)
        {
            if (curve.Length != 4)
            {
                return new DiagramPoint(0, 0);
            }

            var u = 1 - t;
            return new DiagramPoint(
                (u * u * u * curve[0].X) + (3 * u * u * t * curve[1].X) + (3 * u * t * t * curve[2].X) + (t * t * t * curve[3].X),
                (u * u * u * curve[0].Y) + (3 * u * u * t * curve[1].Y) + (3 * u * t * t * curve[2].Y) + (t * t * t * curve[3].Y));
        }

        private static string P(DiagramPoint point) => $"{Number(point.X)} {Number(point.Y)}";
    }
}

public readonly record struct DiagramPoint(double X, double Y);

public sealed record LabelBox(double X, double Y, double Width, double Height)
{
    public bool Overlaps(LabelBox other, double margin = 0) =>
        X < other.X + other.Width + margin && other.X < X + Width + margin && Y < other.Y + other.Height + margin && other.Y < Y + Height + margin;
}

/// <summary>One activity's box in the drawing (top-left corner, size) and its layer, counted from the start at 0.</summary>
public sealed record NodeBox(string ActivityId, string Type, double X, double Y, double Width, double Height, int Layer)
{
    public bool Overlaps(NodeBox other) => X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
}

public sealed record EdgeRoute(Connection Connection, bool IsBack, IReadOnlyList<DiagramPoint> Points, string PathData, LabelBox Label);

public sealed record FlowchartDrawing(string Svg, double Width, double Height, IReadOnlyList<NodeBox> Nodes, IReadOnlyList<EdgeRoute> Edges);
