// Generated from grammar/mapping.schema.json: do not edit. After changing the schema, run
// `FERRY_RECORD_GOLDENS=1 swift test --filter MappingSchemaTests` to write this file again;
// a test fails while the two differ.

/// The JSON Schema of mapping files (grammar version 1), byte for byte the text of
/// `grammar/mapping.schema.json`: what `ferry schema` prints.
public enum MappingSchema {
    public static let text = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://github.com/ferry-migrations/ferry/grammar/mapping.schema.json",
      "title": "ferry mapping file, grammar version 1",
      "description": "One minor increment of a process (for example 1.2.x to 1.3.x): where the instances resting in each element of the older version go in the newer one. Elements not listed keep their id. `ferry check` reads the same grammar and checks the mapping against both definitions; `ferry schema` prints this schema.\nEditors: put `# yaml-language-server: $schema=<path or URL of this file>` on the first line.\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
      "$comment": "Kept in step with MappingDecoder (Sources/FerryKit/Mapping); Tests/FerryTests/Mapping/MappingSchemaTests.swift proves that they agree. Objects are closed (additionalProperties: false) on purpose: Ferry reports unknown keys as errors, and new keys come with a new grammar version and a new schema. Ferry reads versions and ids as written (`from: 1.10` is 1.10, an id `0012` is 0012), which is why they accept numbers here: an editor that parses YAML 1.2 sees them as numbers.",
      "type": "object",
      "required": ["ferry", "process", "from", "to"],
      "additionalProperties": false,
      "properties": {
        "ferry": {
          "description": "Grammar version of this mapping file, required. This schema describes version 1.\nExample: ferry: 1\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "type": "integer",
          "enum": [1],
          "examples": [1]
        },
        "process": {
          "description": "The process id in both definitions, required: the bpmn:process id (Camunda 7 and 8) or the WorkflowProcess id (Joget), read as written.\nExample: process: invoice\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "allOf": [{ "$ref": "#/definitions/id" }],
          "examples": ["invoice"]
        },
        "from": {
          "description": "The minor series migrated from, MAJOR.MINOR, required. Read as written: 1.10 is the series 1.10, not 1.1. Every patch release of the series is migrated by identity, so no patch number.\nExample: from: 1.2\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "allOf": [{ "$ref": "#/definitions/minorSeries" }],
          "examples": ["1.2"]
        },
        "to": {
          "description": "The minor series migrated to, MAJOR.MINOR, required: after `from`, in the same major (majors are never migrated). The file is named <from>-to-<to>.yaml.\nExample: to: 1.3\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "allOf": [{ "$ref": "#/definitions/minorSeries" }],
          "examples": ["1.3"]
        },
        "description": {
          "description": "A one-line summary of the increment for reviewers, optional; plans and diff reports show it.\nExample: description: Review split into two steps\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "allOf": [{ "$ref": "#/definitions/text" }],
          "examples": ["Review split into two steps"]
        },
        "activities": {
          "description": "Where the instances resting in an element go, keyed by the element's id in the older definition (a multi-instance body is `<id>#multiInstanceBody`); optional. Every element not listed keeps its id (identity). Short form `source: target`; long form with `to`, `updateEventTrigger` or `skip`.\nExample: approveInvoice: reviewInvoice\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "type": ["object", "null"],
          "additionalProperties": { "$ref": "#/definitions/entry" },
          "examples": [
            { "approveInvoice": "reviewInvoice" },
            { "reminderTimer": { "to": "reminderTimer", "updateEventTrigger": true } },
            { "legacyApproval": { "skip": "Finished by hand before the release" } }
          ]
        },
        "variables": {
          "description": "Process variables written during the migration, optional.\nExample: variables: { set: { riskLevel: LOW } }\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "type": ["object", "null"],
          "additionalProperties": false,
          "properties": {
            "set": {
              "description": "Process-scope variables set on every migrated instance, by name. A plain value keeps its YAML 1.2 type (text, integer, float, true/false, null; quoted values are text); the long form `{ value, type }` names the Camunda type.\nExample: retries: { value: 3, type: Integer }\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "type": ["object", "null"],
              "additionalProperties": { "$ref": "#/definitions/variable" },
              "examples": [{ "riskLevel": "LOW", "retries": { "value": 3, "type": "Integer" } }]
            }
          },
          "examples": [{ "set": { "riskLevel": "LOW" } }]
        }
      },
      "definitions": {
        "id": {
          "description": "An element or process id, read as written: `no`, `on` and `0012` are ids, not a boolean or a number. Empty, `~` and `null` are YAML's null, never an id.",
          "type": ["string", "number", "boolean"],
          "minLength": 1,
          "pattern": "\\S"
        },
        "text": {
          "description": "Text, read as written; not empty.",
          "type": ["string", "number", "boolean"],
          "minLength": 1,
          "pattern": "\\S"
        },
        "minorSeries": {
          "description": "MAJOR.MINOR, digits only, read as written (1.10 is not 1.1).",
          "type": ["string", "number"],
          "pattern": "^[0-9]+\\.[0-9]+$"
        },
        "entry": {
          "description": "What happens to the instances resting in this element: a target id (short form), or a mapping with `to` (and `updateEventTrigger`) or `skip`.\nExample: approveInvoice: reviewInvoice\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "oneOf": [
            { "$ref": "#/definitions/id" },
            { "$ref": "#/definitions/longEntry" }
          ]
        },
        "longEntry": {
          "description": "The long form of an entry: `to` moves the instances, `skip` leaves them on the old version; exactly one of the two.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "to": {
              "description": "The target id in the newer definition, or a list of ids: a split (one source to several targets; Joget only).\nExample: to: [ship, bill]\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "oneOf": [
                { "$ref": "#/definitions/id" },
                {
                  "type": "array",
                  "minItems": 1,
                  "uniqueItems": true,
                  "items": { "$ref": "#/definitions/id" }
                }
              ],
              "examples": ["reviewInvoice", ["ship", "bill"]]
            },
            "updateEventTrigger": {
              "description": "Camunda 7: re-create the event's trigger (timer due date, message subscription, condition) from the newer model; written true or false (YAML 1.2: not yes/no/on/off). Default false.\nExample: updateEventTrigger: true\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "type": "boolean",
              "examples": [true]
            },
            "skip": {
              "description": "Do not migrate these instances; the reason is required and shown to reviewers.\nExample: skip: Finished by hand before the release\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "allOf": [{ "$ref": "#/definitions/text" }],
              "examples": ["Instances waiting here are finished by hand before the release"]
            }
          },
          "oneOf": [
            { "required": ["to"] },
            { "required": ["skip"] }
          ],
          "dependencies": {
            "updateEventTrigger": ["to"]
          }
        },
        "variable": {
          "description": "A variable's value: a scalar (short form) or `{ value, type }` (long form).\nExample: riskLevel: LOW\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "oneOf": [
            { "$ref": "#/definitions/scalar" },
            { "$ref": "#/definitions/longVariable" }
          ]
        },
        "longVariable": {
          "description": "The long form of a variable, as the Camunda 7 REST API writes it: the type decides how the value is read.\nExample: retries: { value: 3, type: Integer }\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
          "type": "object",
          "required": ["value"],
          "additionalProperties": false,
          "properties": {
            "value": {
              "description": "The value, a scalar; `null` for a null.\nExample: value: 3\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "allOf": [{ "$ref": "#/definitions/scalar" }],
              "examples": [3, "LOW", true, null]
            },
            "type": {
              "description": "The Camunda 7 variable type (case-sensitive). Object, File and Bytes need valueInfo, which mapping files cannot give. Without `type`, the value keeps its YAML type. A plain `Null` is YAML's null to an editor, hence null in this list; Ferry reads the word as written and wants `Null`.\nExample: type: Integer\nDocs: https://github.com/ferry-migrations/ferry#a-plan-directory",
              "type": ["string", "null"],
              "enum": ["String", "Boolean", "Short", "Integer", "Long", "Double", "Date", "Json", "Xml", "Null", null],
              "examples": ["Integer", "Long", "String"]
            }
          }
        },
        "scalar": {
          "description": "Text, a number, true/false or null.",
          "type": ["string", "number", "boolean", "null"]
        }
      }
    }

    """#
}
