namespace Commissioning.Tests.Workflows;

/// <summary>Small definitions that exercise one engine behaviour each, written to a folder the app under test loads.</summary>
internal static class EngineTestDefinitions
{
    /// <summary>A review by a grants officer, with a reminder after a few seconds and a distant deadline.</summary>
    public static string Review(int version = 1, string reminderAfter = "PT3S", string taskName = "Review the request") => $$"""
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-review",
          "version": {{version}},
          "name": "Engine test: review",
          "root": {
            "type": "Flowchart",
            "start": "review",
            "activities": [
              {
                "id": "review", "type": "Grants.Stage", "name": "Review",
                "tasks": [ { "id": "review", "name": "{{taskName}}", "role": "GrantsOfficer", "outcomes": ["Approved", "Declined"] } ],
                "timers": [
                  { "id": "nudge", "kind": "Reminder", "after": "{{reminderAfter}}" },
                  { "id": "expire", "kind": "Deadline", "after": "P30D", "port": "Expired" }
                ]
              },
              { "id": "approved", "type": "Grants.End", "name": "Approved", "outcome": "approved" },
              { "id": "declined", "type": "Grants.End", "name": "Declined", "outcome": "declined" },
              { "id": "expired", "type": "Grants.End", "name": "Expired", "outcome": "expired" }
            ],
            "connections": [
              { "source": { "activity": "review", "port": "Approved" }, "target": { "activity": "approved", "port": "In" } },
              { "source": { "activity": "review", "port": "Declined" }, "target": { "activity": "declined", "port": "In" } },
              { "source": { "activity": "review", "port": "Expired" }, "target": { "activity": "expired", "port": "In" } }
            ]
          }
        }
        """;

    /// <summary>Waits for "Ping" events and counts them (with the grant handlers' counter) until returnsExpected have arrived.</summary>
    public const string Counter = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-counter",
          "version": 1,
          "name": "Engine test: counter",
          "variables": [ { "name": "returnsExpected", "type": "Number" }, { "name": "returnsAccepted", "type": "Number" } ],
          "root": {
            "type": "Flowchart",
            "start": "listen",
            "activities": [
              { "id": "listen", "type": "Grants.Stage", "name": "Listen", "events": [ { "event": "Ping", "port": "Ping" } ] },
              { "id": "enough", "type": "Grants.Decision", "name": "Enough?", "onEnter": "CountAcceptedReturn", "predicate": "AllQuarterlyReturnsAccepted" },
              { "id": "done", "type": "Grants.End", "name": "Done", "outcome": "done" }
            ],
            "connections": [
              { "source": { "activity": "listen", "port": "Ping" }, "target": { "activity": "enough", "port": "In" } },
              { "source": { "activity": "enough", "port": "False" }, "target": { "activity": "listen", "port": "In" } },
              { "source": { "activity": "enough", "port": "True" }, "target": { "activity": "done", "port": "In" } }
            ]
          }
        }
        """;

    /// <summary>Starts by assessing an application: faults when the correlation is not an application that exists.</summary>
    public const string Assess = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-assess",
          "version": 1,
          "name": "Engine test: assess",
          "root": {
            "type": "Flowchart",
            "start": "assess",
            "activities": [
              { "id": "assess", "type": "Grants.Stage", "name": "Assess", "onEnter": "StartAssessment", "tasks": [ { "id": "decide", "name": "Decide", "role": "DecisionMaker", "outcomes": ["Done"] } ] },
              { "id": "done", "type": "Grants.End", "name": "Done", "outcome": "done" }
            ],
            "connections": [
              { "source": { "activity": "assess", "port": "Done" }, "target": { "activity": "done", "port": "In" } }
            ]
          }
        }
        """;

    /// <summary>Three unassigned assessor tasks of which any two complete the stage.</summary>
    public const string Quorum = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-quorum",
          "version": 1,
          "name": "Engine test: quorum",
          "root": {
            "type": "Flowchart",
            "start": "score",
            "activities": [
              {
                "id": "score", "type": "Grants.Stage", "name": "Score",
                "tasks": [ {
                  "id": "score", "name": "Score the bid", "role": "Assessor", "outcomes": ["Scored", "ConflictDeclared"],
                  "multiInstance": { "completion": "Quorum", "quorum": 2, "count": 3, "port": "Scored", "replaced": ["ConflictDeclared"] },
                  "inputs": [ { "name": "score", "label": "Score", "type": "wholeNumber", "minimum": 0, "maximum": 100, "requiredFor": ["Scored"] } ]
                } ]
              },
              { "id": "scored", "type": "Grants.End", "name": "Scored", "outcome": "scored" }
            ],
            "connections": [ { "source": { "activity": "score", "port": "Scored" }, "target": { "activity": "scored", "port": "In" } } ]
          }
        }
        """;

    /// <summary>An offer waiting to be accepted until the instant in the variable "expiresAt", when it lapses.</summary>
    public const string Offer = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-offer",
          "version": 1,
          "name": "Engine test: offer",
          "variables": [ { "name": "expiresAt", "type": "Instant" } ],
          "root": {
            "type": "Flowchart",
            "start": "offer",
            "activities": [
              {
                "id": "offer", "type": "Grants.Stage", "name": "Offer",
                "events": [ { "event": "Accepted", "port": "Accepted" } ],
                "timers": [ { "id": "lapse", "kind": "Deadline", "atVariable": "expiresAt", "port": "Lapsed" } ]
              },
              { "id": "accepted", "type": "Grants.End", "name": "Accepted", "outcome": "accepted" },
              { "id": "lapsed", "type": "Grants.End", "name": "Lapsed", "outcome": "lapsed" }
            ],
            "connections": [
              { "source": { "activity": "offer", "port": "Accepted" }, "target": { "activity": "accepted", "port": "In" } },
              { "source": { "activity": "offer", "port": "Lapsed" }, "target": { "activity": "lapsed", "port": "In" } }
            ]
          }
        }
        """;

    /// <summary>One task whose "Scored" outcome needs a whole-number score from 0 to 100, with an optional note.</summary>
    public const string Score = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-score",
          "version": 1,
          "name": "Engine test: score",
          "root": {
            "type": "Flowchart",
            "start": "score",
            "activities": [
              {
                "id": "score", "type": "Grants.Stage", "name": "Score",
                "tasks": [ {
                  "id": "score", "name": "Score the bid", "role": "Assessor", "outcomes": ["Scored", "Withdrawn"],
                  "inputs": [
                    { "name": "score", "label": "Score", "type": "wholeNumber", "minimum": 0, "maximum": 100, "requiredFor": ["Scored"] },
                    { "name": "note", "label": "Note", "type": "text" }
                  ]
                } ]
              },
              { "id": "done", "type": "Grants.End", "name": "Done", "outcome": "done" }
            ],
            "connections": [
              { "source": { "activity": "score", "port": "Scored" }, "target": { "activity": "done", "port": "In" } },
              { "source": { "activity": "score", "port": "Withdrawn" }, "target": { "activity": "done", "port": "In" } }
            ]
          }
        }
        """;

    public static string WriteFolder(params (string FileName, string Content)[] definitions)
    {
        var folder = Directory.CreateTempSubdirectory("commissioning-workflows-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "workflow-definition.schema.json"), Path.Combine(folder, "workflow-definition.schema.json"));
        foreach (var (fileName, content) in definitions)
        {
            File.WriteAllText(Path.Combine(folder, fileName), content);
        }

        return folder;
    }
}
