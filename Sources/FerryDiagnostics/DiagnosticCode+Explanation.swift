extension DiagnosticCode {
    /// The long explanation `ferry explain CODE` prints: what the rule is, why Ferry has it,
    /// an example, and how to fix it.
    public var explanation: String {
        switch self {
        case .unreadableFile:
            """
            Ferry could not read a file it was asked to check: it does not exist any more, it \
            is not a regular file, or the permissions forbid reading it.

            The diagnostic names the file and the operating system's reason. Check the path \
            and the file's permissions, then run `ferry check` again.
            """
        case .fileTooLarge:
            """
            Ferry refuses input files over a fixed size before parsing them, so that a file \
            committed by mistake (a log, a generated dump, a hostile input) cannot make a CI \
            run slow or exhaust memory.

            The limits are:
              mapping files (*.yaml, *.yml)          1 MiB
              process definitions (*.bpmn, *.xpdl)   64 MiB

            A real mapping file is a few kilobytes; a BPMN model rarely exceeds a few \
            megabytes. If a file really is this large, split the mapping per minor version \
            (one file per increment) or check that the right file was committed.
            """
        case .yamlSyntax:
            """
            The mapping file is not valid YAML. Ferry reports libyaml's finding in its own \
            words at the place libyaml stopped, with a note at the construct it was reading \
            (for example the block mapping that an unindented line broke).

            The first syntax error ends the parse of that file: later errors in the same file \
            are reported after you fix this one.

            Example:

                activities:
                  approveInvoice: reviewInvoice
                 checkStock: preflightChecks      # error: indentation does not match

            Fix the indentation, quoting or bracket that the message names.
            """
        case .yamlMultipleDocuments:
            """
            A mapping file holds exactly one YAML document. A second `---` (or a `...` \
            followed by more content) starts another document, which Ferry would otherwise \
            ignore silently.

            Remove the extra `---`, or move the second document into its own mapping file: \
            one file per minor increment.
            """
        case .yamlNonScalarKey:
            """
            Keys in a mapping file are element ids, version numbers or grammar keywords: plain \
            scalars. YAML allows complex keys (`? [a, b]` or `{a: 1}: x`), but no part of \
            Ferry's grammar uses them.

            Write the key as a plain scalar, for example `approveInvoice: reviewInvoice`.
            """
        case .yamlDuplicateKey:
            """
            The same key appears twice in one mapping. libyaml accepts this and most YAML \
            libraries keep the last value, silently dropping the first; in a migration plan \
            that would drop an instruction. Ferry reports the second occurrence as an error \
            with a note at the first.

            Example:

                activities:
                  approveInvoice: reviewInvoice
                  approveInvoice: approveInvoiceV2   # error: duplicate key

            Keep one of the two entries. To send one source to several targets, use the \
            long form `to: [a, b]` (Joget only).
            """
        case .yamlAnchorOrAlias:
            """
            Mapping files may not use YAML anchors (`&name`) or aliases (`*name`), and \
            therefore no merge keys (`<<: *defaults`) either.

            Ferry rejects them rather than expanding them: an alias hides which instruction \
            a diagnostic is about (it would point at the anchor), and unbounded alias \
            expansion is the "billion laughs" attack. A mapping file is small enough to write \
            out in full.

            Replace each alias with the content it stands for.
            """
        case .yamlTooDeep:
            """
            The YAML nesting (mappings and sequences inside each other) is deeper than 64 \
            levels. Ferry's grammar needs at most five; the limit is checked while libyaml \
            streams the file, so a hostile input of a hundred thousand `[` fails in \
            milliseconds instead of making libyaml work quadratically.

            Flatten the structure; a mapping file's entries are never more than a few \
            levels deep.
            """
        case .yamlInvalidUTF8:
            """
            Mapping files must be UTF-8. The byte at the reported position does not start or \
            continue a valid UTF-8 sequence; the file was probably saved in Latin-1 or \
            Windows-1252, or is not text at all.

            Re-save the file as UTF-8 (most editors: "Save with encoding").
            """
        case .yamlForbiddenCharacter:
            """
            The file contains a NUL byte or another control character that YAML does not \
            allow in a document (only tab, line feed and carriage return are allowed). This \
            usually means a binary file was given the `.yaml` extension or the file was \
            corrupted on the way.

            Remove the character; the reported position is where it is.
            """
        case .yamlTabIndentation:
            """
            YAML indentation must use spaces; a tab character at the start of a line cannot \
            indent a block. libyaml reports it as "found character that cannot start any \
            token".

            Replace the tab with spaces (two per level is the convention in Ferry's \
            examples) and configure your editor to indent YAML with spaces.
            """
        case .yamlEmptyFile:
            """
            The mapping file contains no YAML document: it is empty, or holds only comments \
            and blank lines. Every minor increment needs a mapping file with at least the \
            `ferry`, `process`, `from` and `to` keys, even when identity carries every \
            element (then it has no `activities`: an explicit, reviewable "nothing to map").

            Example:

                ferry: 1
                process: invoice
                from: 1.2
                to: 1.3
            """
        case .yamlUnsupportedEncoding:
            """
            The file starts with a UTF-16 or UTF-32 byte-order mark. libyaml can read UTF-16, \
            but positions in diagnostics, fingerprints in plans and every tool around Ferry \
            assume UTF-8, so mapping files must be UTF-8 (with or without a UTF-8 byte-order \
            mark).

            Re-save the file as UTF-8.
            """
        case .xmlNotWellFormed:
            """
            The process definition is not well-formed XML. The message is libxml2's, at the \
            position where libxml2 detected the problem (an unclosed or mismatched tag, a \
            bad attribute, an undefined entity, bytes that are not in the declared encoding).

            The first well-formedness error ends the parse of that file. Definitions are \
            normally written by Camunda Modeler or the Joget process builder: a file that is \
            not well-formed was usually edited by hand or damaged by a merge (look for \
            conflict markers such as `<<<<<<<`).
            """
        case .xmlDoctypeForbidden:
            """
            The XML file has a DOCTYPE declaration. BPMN and XPDL files never need one, and a \
            document type definition is how XML attacks work: external entities read local \
            files or reach the network, and nested entity definitions expand a small file \
            into gigabytes ("billion laughs").

            Ferry never loads DTDs or external entities and does not expand entities; it \
            stops at the DOCTYPE. Remove the `<!DOCTYPE …>` declaration and replace any \
            `&name;` entity references with the text they stand for.
            """
        case .xmlTooDeep:
            """
            Elements are nested more than 256 levels deep. Real process definitions nest a \
            few dozen levels at most (sub-processes inside sub-processes); the limit stops \
            hostile inputs early, while they stream, before they cost time or memory.

            Check that the file is really a process definition.
            """
        case .xmlUnsupportedEncoding:
            """
            Ferry reads process definitions as UTF-8, the encoding Camunda Modeler, the Joget \
            process builder and nearly every XML tool write. This file is in another encoding \
            (declared with `encoding="…"` in its XML declaration, or UTF-16 marked by a \
            byte-order mark) and contains characters outside ASCII, so the lines and columns \
            Ferry reports could not be trusted and are not guessed.

            A file with only ASCII characters is read whatever encoding it declares.

            Example:

                <?xml version="1.0" encoding="ISO-8859-1"?>   <!-- error: not UTF-8 -->

            Convert the file to UTF-8 (for example `iconv -f ISO-8859-1 -t UTF-8`) and change \
            the declaration to `encoding="UTF-8"`, or save it as UTF-8 from your editor.
            """
        case .ignoredFile:
            """
            A file in a plan directory's `mappings/` or `definitions/` folder does not have \
            an extension Ferry reads, so it takes no part in the plan. Silently ignored \
            files are a known source of surprise in migration tools (a mapping saved as \
            `1.2-to-1.3.yml.bak` or `1.2-to-1.3.txt` is never checked).

            Ferry reads `*.yaml` and `*.yml` under `mappings/` and `*.bpmn` and `*.xpdl` \
            under `definitions/`. Rename the file, or move it out of the plan directory.
            """
        case .mappingUnknownKey:
            """
            A key in the mapping file is not part of grammar version 1 at that place. Keys are \
            case-sensitive, and Ferry rejects unknown keys instead of ignoring them: a \
            misspelt `updateEventTriger` that was silently dropped would change what the \
            migration does without anyone noticing.

            The keys of grammar version 1 are:

              top level             ferry, process, from, to, description, activities, variables
              an entry's long form  to, updateEventTrigger, skip
              variables             set
              a variable's long form  value, type

            Example:

                activities:
                  reminderTimer:
                    to: reminderTimer
                    updateEventTriger: true      # error: unknown key; did you mean 'updateEventTrigger'?

            Fix the spelling (the message suggests the closest valid key) or move the key to \
            the place it belongs. `ferry schema` prints the grammar as a JSON Schema that \
            editors use to complete keys as you type.
            """
        case .mappingWrongShape:
            """
            A value has the wrong YAML shape for its key: a mapping (`key: value` lines or \
            `{…}`) where a single value (a scalar) is expected, a list (`- item` or `[…]`) \
            where a mapping is expected, and so on. The message says what was expected and \
            what was found.

            The shapes of grammar version 1:

              ferry, process, from, to, description   a scalar
              activities                               a mapping: source id -> entry
              an entry                                 a target id, or a mapping with
                                                       `to` (an id or a list of ids),
                                                       `updateEventTrigger` (true/false),
                                                       or `skip` (a reason)
              variables                                a mapping with `set`
              variables.set                            a mapping: name -> value, or
                                                       name -> { value, type }

            Example:

                activities:
                  - approveInvoice: reviewInvoice   # error: expected a mapping, found a sequence

            Remove the `- ` (entries of `activities` are keys of a mapping, not list items). A \
            split to several targets is written in the long form, `to: [ship, bill]`.
            """
        case .mappingMissingKey:
            """
            A required key is missing. Every mapping file names its grammar version and the \
            minor increment it describes:

                ferry: 1            # grammar version
                process: invoice    # the process id in both definitions
                from: 1.2           # minor series migrated from
                to: 1.3             # minor series migrated to

            An entry of `activities` in the long form needs `to` (where instances go) or \
            `skip` (why they are not migrated):

                activities:
                  reminderTimer:
                    updateEventTrigger: true     # error: the entry needs 'to' or 'skip'

            Add the missing key. The diagnostic for a missing top-level key points at the \
            start of the document.
            """
        case .mappingUnsupportedGrammar:
            """
            The `ferry:` key names the grammar version of the mapping file, so that a future \
            Ferry can change the language without misreading old files. This version of \
            Ferry reads grammar version 1 only, written as the number `1` (not `"1"`, not \
            `1.0`).

            Example:

                ferry: 2        # error: unsupported grammar version 2

            Write `ferry: 1`, or update Ferry if the file was written for a newer grammar.
            """
        case .mappingMalformedVersion:
            """
            `from` and `to` name minor series, `MAJOR.MINOR`, digits only: `1.2`, `1.10`, \
            `2.0`. Every patch release of a minor series is migrated by identity, so a mapping \
            file describes one minor increment and never names a patch.

            The value is read as written: `from: 1.10` is the series 1.10, not the number \
            1.1 that a YAML library would make of it. Quoting (`"1.2"`) is allowed but not \
            needed.

            Examples:

                from: 1.2.0     # error: a release, not a minor series; write 1.2
                from: v1.2      # error: digits only; write 1.2
                from: 1         # error: write 1.0 for the first minor series of major 1
            """
        case .mappingVersionNotForward:
            """
            A mapping file migrates instances forward, from an older minor series to a newer \
            one of the same major: `to` must come after `from`. Versions compare numerically \
            per component, so 1.10 comes after 1.9.

            Example:

                from: 1.3
                to: 1.2         # error: 'to' is not after 'from'

            Swap the two values if they were written the wrong way round. Ferry never \
            migrates instances back to an older version; for a rollback, release the old \
            model again under a new minor version and write a mapping to it.
            """
        case .mappingAcrossMajors:
            """
            `from` and `to` belong to different major versions. By Ferry's version policy a \
            major increment is the promise that instances are not migrated: instances on 1.x \
            finish on 1.x, and plans list them as not migratable. A mapping file therefore \
            always stays within one major.

            Example:

                from: 1.4
                to: 2.0         # error: majors are never migrated

            If the change can be migrated, it was a minor change: release the new model as \
            1.5 instead of 2.0. Otherwise delete this mapping file.
            """
        case .mappingEmptyTargets:
            """
            The long form `to: […]` lists no target. An entry either moves the instances \
            resting in its source to at least one target, or is skipped with a reason.

            Example:

                activities:
                  shipAndBill:
                    to: []          # error: empty target list

            Name the target (`to: ship`) or targets (`to: [ship, bill]`, a split; Joget \
            only), or write `skip: <reason>` to leave those instances on the old version.
            """
        case .mappingSkipWithoutReason:
            """
            `skip` leaves the instances resting in an element on the old version: nobody \
            migrates them, and someone must finish them by hand. The reason is required \
            (and printed in plans and diff reports) so that reviewers see why and what \
            happens to those instances.

            Example:

                activities:
                  legacyApproval:
                    skip:           # error: skip without a reason

            Write the reason as text: `skip: finished by hand before the release`.
            """
        case .mappingMapAndSkip:
            """
            An entry has both `to` and `skip`. An entry either moves the instances resting in \
            its source (`to`) or leaves them on the old version (`skip`); it cannot do both.

            Example:

                activities:
                  clarifyInvoice:
                    to: reviewInvoice
                    skip: removed in 1.3      # error: 'to' and 'skip' in one entry

            Keep the one you mean. Ferry reads the entry as skipped until this is fixed.
            """
        case .mappingInvalidBoolean:
            """
            `updateEventTrigger` takes a boolean, written `true` or `false`, plain (without \
            quotes) and in lower case. Ferry reads YAML as YAML 1.2, where `yes`, `no`, \
            `on`, `off`, `y` and `n` are text, not booleans as they were in YAML 1.1, and a \
            quoted `"true"` is text too.

            Example:

                reminderTimer:
                  to: reminderTimer
                  updateEventTrigger: yes       # error: write true

            Write `updateEventTrigger: true` or `updateEventTrigger: false` (or leave it out: \
            the default is `false`).
            """
        case .mappingTriggerOnSkip:
            """
            `updateEventTrigger` tells the engine to re-create an event's trigger (a timer's \
            due date, a message subscription, a condition) from the new model when it \
            migrates the event. A skipped entry is not migrated, so the key has no effect \
            there and probably shows a mix-up.

            Example:

                legacyTimer:
                  skip: finished by hand
                  updateEventTrigger: true      # error: the entry is skipped

            Remove `updateEventTrigger`, or replace `skip` with `to` if the element should be \
            migrated.
            """
        case .mappingUnknownVariableType:
            """
            The long form of a variable, `{ value: …, type: … }`, names a Camunda 7 variable \
            type as the REST API writes it (`{"value": 3, "type": "Integer"}`). Type names \
            are case-sensitive. Mapping files can use the types whose value is a single \
            scalar:

              String, Boolean, Short, Integer, Long, Double, Date, Json, Xml, Null

            Object, File and Bytes need `valueInfo` (a serialization format, a file name, \
            base64 data), which mapping files cannot give: set such variables in the process \
            itself.

            Example:

                variables:
                  set:
                    retries: { value: 3, type: integer }    # error: did you mean 'Integer'?

            Without `type`, the value keeps its YAML type: text, integer, float, boolean or \
            null.
            """
        case .mappingVariableWithoutValue:
            """
            The long form of a variable needs `value`. Without it Ferry cannot tell what to \
            write; a null value is written explicitly.

            Example:

                variables:
                  set:
                    retries: { type: Integer }               # error: no value
                    closedAt: { value: null, type: Null }    # a null value, explicitly

            Add `value:`, or use the short form `retries: 3`.
            """
        case .mappingFileNameMismatch:
            """
            A warning: the mapping file's name does not say the increment it describes. By \
            convention a mapping file is named `<from>-to-<to>.yaml` (or `.yml`), for \
            example `1.2-to-1.3.yaml` for `from: 1.2` and `to: 1.3`. Ferry reads `from` and \
            `to` from the file, not from its name, so a name that disagrees misleads every \
            reader of the plan directory, and usually means a file was copied for the next \
            increment and only half updated.

            Rename the file, or correct `from` and `to` if they are what was left behind.
            """
        case .mappingEmptyValue:
            """
            An id or a text is empty: the process id, a source or target element id, a \
            variable name, or the description. Nothing after the colon, `~`, `null` and `""` \
            are all empty (the first three are YAML's null).

            Example:

                activities:
                  approveInvoice:           # error: no target

            Write the id. To leave the instances of an element on the old version, write \
            `skip: <reason>` instead. If an element id really is the word `null`, quote it: \
            `'null'`.
            """
        case .mappingDuplicateTarget:
            """
            A split lists the same target twice. Each target of `to: […]` starts one token in \
            the new version (for Joget, one `activity/start` call per target); naming one twice \
            would start the same activity twice for every migrated instance, which is never \
            what a split means.

            Example:

                shipAndBill:
                  to: [ship, bill, ship]     # error: 'ship' listed twice

            Remove the repeated id. The error is at the second occurrence, with a note at the \
            first.
            """
        case .mappingVariableTypeMismatch:
            """
            A variable's value does not fit its type: text for an `Integer`, a number too \
            large for a `Short`, `yes` for a `Boolean`, a value other than null for `Null`. \
            The engine would reject the migration, or store something other than intended.

            The types take:

              String, Date, Json, Xml   any scalar, as written (`{ value: 010, type: String }` is "010")
              Boolean                   true or false
              Short, Integer, Long      whole numbers within 16, 32 and 64 bits
              Double                    any number
              Null                      null (or ~)

            In the short form (no `type`) a plain whole number must fit in 64 bits and a \
            float must be finite.

            Correct the value, or choose the type that matches it.
            """
        case .mappingTodo:
            """
            An entry still reads `TODO`, where `ferry new` left the decision to you: it writes \
            the target itself only when one element of the newer version is clearly where the \
            instances continue, and lists the candidates it found in comments above the entry.

            Answer it with the target's id, or skip the element with the reason:

                activities:
                  approveInvoice: reviewInvoice
                  legacyApproval:
                    skip: Finished by hand on the old version before the release

            Until then the entry migrates nothing, and `ferry check` fails.
            """
        case .notADefinition:
            """
            A file under `definitions/` must be a BPMN 2.0 definition (root element \
            `definitions` in the namespace `http://www.omg.org/spec/BPMN/20100524/MODEL`, as \
            Camunda Modeler writes it) or an XPDL package (root element `Package` in the \
            namespace `http://www.wfmc.org/2002/XPDL1.0`, as the Joget process builder writes \
            it). This file is well-formed XML with another root element.

            Check that the file is an exported process model and not, for example, a DMN \
            decision table or a form; those do not belong in `definitions/`.
            """
        case .noProcess:
            """
            The definition holds no process: a BPMN file without a `process` element (for \
            example a collaboration whose pools reference no process), or an XPDL package \
            without a `WorkflowProcess`. Ferry migrates instances of processes, so a \
            definition without one has nothing to migrate.

            Export the model again from the modeler, or remove the file from `definitions/`.
            """
        case .duplicateElementID:
            """
            Two elements of one definition have the same id. Engines key migration \
            instructions, running tokens and subscriptions by element id, so an id must name \
            exactly one element. The error is at the second element, with a note at the first.

            Give one of the two elements a new id (in Camunda Modeler: the "ID" field of the \
            properties panel). Renaming an element that running instances may rest in needs \
            a mapping entry in the next minor version's mapping file.
            """
        case .danglingReference:
            """
            An attribute refers to an element id that the process does not contain: a \
            sequence flow's `sourceRef` or `targetRef`, a boundary event's `attachedToRef`, \
            a gateway's or activity's `default` flow, or an XPDL transition's `From` or `To`. \
            Engines refuse to deploy such a model; Ferry reports it so that the version \
            history is checked against definitions that can really run.

            Usually an element was deleted or renamed by hand-editing the XML. Fix the \
            reference or restore the element. (A call activity's `calledElement` names \
            another process and is not checked here.)
            """
        case .missingVersion:
            """
            Every definition carries a semantic version `MAJOR.MINOR.PATCH`, which is how \
            Ferry orders the history and decides what needs a mapping file:

              Camunda 7   camunda:versionTag="1.3.0" on the bpmn:process element
                          (Camunda Modeler: properties panel, "Version tag")
              Camunda 8   <zeebe:versionTag value="1.3.0"/> inside the process's
                          bpmn:extensionElements (Camunda Modeler: "Version tag")
              Joget       <RedefinableHeader><Version>1.3.0</Version></RedefinableHeader>
                          in the WorkflowProcess (or in the Package)

            Add the version of the release this file belongs to.
            """
        case .malformedVersion:
            """
            A version must be three dot-separated numbers, `MAJOR.MINOR.PATCH`, digits only \
            (`1.3.0`, not `1.3`, `v1.3.0` or `1.3.0-rc1`). Ferry's version policy depends on \
            it: a patch keeps element ids, a minor needs a mapping file, a major is never \
            migrated. Versions are compared numerically, so `1.10.0` comes after `1.9.0`.

            Write the version in that form.
            """
        case .unknownElement:
            """
            An element inside a process is not one Ferry knows (a misspelt BPMN element, an \
            element from a newer BPMN dialect, or a vendor extension outside \
            `extensionElements`). Ferry ignores it, so it takes no part in validation: if \
            instances can rest in it, their migration is not checked.

            Check the spelling, or move vendor extensions into `bpmn:extensionElements`.
            """
        case .duplicateVersion:
            """
            Two definitions in one plan directory give the same process the same version. \
            Ferry orders the history by version and migrates from each version to the next, \
            so a version must name exactly one model. The error is at the second file's \
            version, with a note at the first.

            Usually a file was copied for the next release and its version tag not raised. \
            Give it the version of the release it belongs to (a patch for an id-preserving \
            fix, a minor for a change that needs a mapping file).
            """
        case .duplicateDefinitionFile:
            """
            Two files in `definitions/` are byte for byte the same definition: the same \
            process with the same version and content. Ferry reads one of them; the other is \
            redundant. Remove one of the two files.
            """
        case .mixedEngines:
            """
            All definitions of one plan directory must be for one engine: Camunda 7, Camunda \
            8 or Joget. The engines migrate instances differently (different rules, \
            different requests), so one plan cannot span them. Ferry infers the engine from \
            the file's namespaces (zeebe namespace: Camunda 8; XPDL: Joget; otherwise \
            Camunda 7).

            Move the definitions of the other engine into a plan directory of their own.
            """
        case .missingMapping:
            """
            Two consecutive versions of a process belong to different minor series of one \
            major (say 1.2.x and 1.3.0), but there is no mapping file for that increment. \
            Ferry's version policy: a patch keeps element ids, a minor needs exactly one \
            mapping file, a major is never migrated. Without the file, instances on the older \
            minor have no reviewed migration.

            Add `mappings/<from>-to-<to>.yaml` (for example `mappings/1.2-to-1.3.yaml`) with \
            at least:

                ferry: 1
                process: invoice
                from: 1.2
                to: 1.3

            When identity carries every element, that is the whole file: an explicit, \
            reviewable "nothing to map". `ferry new` writes a skeleton.
            """
        case .forkedMappings:
            """
            Two mapping files start from the same minor series of one process. This is what \
            happens after merging two branches that each added "the next" mapping file: each \
            branch was green alone, and together they describe two different futures. The \
            error names both files.

            Decide which increment comes first, renumber the other (for example 1.3-to-1.4 \
            becomes 1.4-to-1.5, with a definition for the new version), and keep one file per \
            minor increment.
            """
        case .orphanMapping:
            """
            A mapping file names a minor series (`from` or `to`) for which the plan directory \
            has no definition. A mapping can only be checked against both definitions, so \
            the definitions of both series must be in `definitions/`.

            Add the missing definition, or correct the mapping file's `from`/`to`.
            """
        case .unknownMappingProcess:
            """
            A mapping file's `process` names a process id that no definition in this plan \
            directory has. The id is the `bpmn:process` id (Camunda) or the \
            `WorkflowProcess` id (Joget), not the file name or the process's display name.

            Correct the id; the message suggests the closest one.
            """
        case .majorBoundary:
            """
            A note, not a problem: the history crosses a major version (say 1.x to 2.0). By \
            Ferry's version policy majors are never migrated: instances on 1.x finish on 1.x, \
            and plans list them as not migratable. No mapping file connects the two majors.
            """
        case .nonConsecutiveMapping:
            """
            A mapping file's `from` and `to` are not consecutive minor series in this plan \
            directory: another minor lies between them (say 1.2-to-1.4 while definitions of \
            1.3 exist). Each mapping file describes one increment; Ferry composes them into \
            plans from any version.

            Split the file into one mapping per increment (1.2-to-1.3 and 1.3-to-1.4).
            """
        case .unknownSourceElement:
            """
            An entry under `activities:` names a source element id that the older definition \
            of the hop does not contain. Sources are ids of the version migrated FROM (the \
            mapping file's `from` series); a multi-instance body is addressed as \
            `<id>#multiInstanceBody`. The message suggests the closest id of that definition.

            Usually the entry names the new id instead of the old one, or has a typo.
            """
        case .unknownTargetElement:
            """
            A mapping entry's target (`to:`) names an element id that the newer definition of \
            the hop does not contain. Targets are ids of the version migrated TO (the mapping \
            file's `to` series). The message suggests the closest id of that definition.
            """
        case .uncoveredWaitState:
            """
            Instances can rest in this element of the older version (it is a wait state: a \
            user task, receive task, external task, message/timer/signal/conditional catch \
            event, event-based gateway, call activity, parallel or inclusive join, or an \
            element with an asynchronous continuation), but the newer version has no element \
            with its id and the mapping file neither maps nor skips it. The engine would fail \
            the migration of every instance waiting there, or cancel it.

            Map it to where those instances should continue:

                activities:
                  approveInvoice: reviewInvoice

            or, when they are finished some other way, skip it with the reason:

                activities:
                  approveInvoice:
                    skip: Finished by hand on the old version before the release

            In a patch release (same MAJOR.MINOR) there is no mapping file: removing or \
            renaming a wait state needs a minor increment and a mapping file.
            """
        case .incompatibleElementTypes:
            """
            An element is migrated (explicitly, or by identity because the id stayed) to an \
            element the engine will not accept as its counterpart:

              Camunda 7  the activity behaviour must be the same ("Activities have \
                         incompatible types (UserTaskActivityBehavior is not compatible \
                         with ExternalTaskActivityBehavior)"); call activities and \
                         sub-processes each form one group with their variants
              Camunda 8  the element type must be the same, and a user task keeps its \
                         implementation (job worker or Zeebe user task)
              Joget      the activity type must be the same (normal, tool, route, subflow)

            When the element kept its id but changed its type, give the new element a new id \
            and map or skip the old one; in a patch release that needs a minor increment.
            """
        case .splitNotSupported:
            """
            `to: [a, b]` sends instances of one source element to several targets. Only Joget \
            can do that (one `activity/start` call per target). Camunda 7 and Camunda 8 \
            migrate every token to exactly one element.

            Camunda 7 also refuses several instructions for one source activity ("There are \
            multiple mappings for source activity id 'X'"), Camunda 8 duplicate source ids \
            ("the mapping instructions contain duplicate source element ids").

            Choose one target; create the others' work after the migration if needed.
            """
        case .targetCannotHoldInstances:
            """
            For Joget, a migration target must be an activity the instance can wait in: a \
            `normal` activity (`Implementation/No`) that a user works on, or a `subflow` \
            activity, which waits for its sub-process (started anew). Starting a `tool` \
            activity runs it at once, and a `route` holds nothing; Joget's `activity/start` \
            on them does not leave the instance waiting where the mapping says.

            Map to the normal activity that follows, or skip the source.
            """
        case .eventTypeChanged:
            """
            A boundary event or an event-sub-process start event is migrated to one of another \
            event type (a timer boundary event to a message boundary event, say). The trigger \
            an instance holds (a job, a message subscription) belongs to the old type and \
            cannot become the new one.

              Camunda 7  both events must have the same activity type ("Events are not of \
                         the same type (boundaryTimer != boundaryMessage)")
              Camunda 8  a mapped catch event keeps its event type ("These catch events have \
                         different event types")

            Leave the old event unmapped (its trigger is removed and the new event's trigger \
            is created fresh) or map it to an event of the same type.
            """
        case .multiInstanceBodyAdded:
            """
            Camunda 7: a target lies inside a multi-instance body (`<id>#multiInstanceBody`) \
            that nothing migrates into. The engine would have to create the body around the \
            migrated instance, which it refuses ("Target activity 'X' is a descendant of \
            multi-instance body 'X#multiInstanceBody' that is not mapped from the source \
            process definition").

            When an activity becomes multi-instance in the newer version, map the old activity \
            to the new body and its inner activity together only if the old one was \
            multi-instance too; otherwise skip it or finish those instances before migrating.
            """
        case .multiInstanceInnerActivityNotTargeted:
            """
            Camunda 7: an instruction targets a multi-instance body but none targets the \
            body's inner activity, so the body would be migrated empty ("Must map the inner \
            activity of a multi-instance body when the body is mapped").

            Map the inner activity too:

                activities:
                  reviewItem#multiInstanceBody: checkItem#multiInstanceBody
                  reviewItem: checkItem
            """
        case .multiInstanceInnerActivityLeftBehind:
            """
            Camunda 7: a multi-instance body is migrated but its inner activity is not, so the \
            inner instances would be left without a body ("Cannot remove the inner activity of \
            a multi-instance body when the body is mapped").

            Map the inner activity as well, or skip the body and the activity together.
            """
        case .gatewayLosesIncomingFlows:
            """
            A parallel or inclusive gateway joins incoming flows: tokens wait there until \
            enough flows have arrived. The gateway it is migrated to has fewer incoming \
            sequence flows, so waiting tokens could arrive on a flow that no longer exists.

              Camunda 7  "The target gateway must have at least the same number of incoming \
                         sequence flows that the source gateway has"
              Camunda 8  "Target gateway must have at least the same number of incoming \
                         sequence flows as the source gateway."

            Keep the join's incoming flows, or map the join to one that has at least as many.
            """
        case .gatewayScopeNotMigrated:
            """
            Camunda 7: a joining gateway inside a sub-process is migrated, but the sub-process \
            itself is not ("The gateway's flow scope 'X' must be mapped"). Waiting tokens at a \
            join belong to the instance of their sub-process; without it they have no place.

            Map the enclosing sub-process too (it is mapped by identity when its id and type \
            stay the same).
            """
        case .gatewaysMerged:
            """
            Camunda 7: two joining gateways are migrated to the same gateway ("Only one \
            gateway can be mapped to gateway 'X'"). Their waiting tokens would be counted \
            together and the join could fire early.

            Map each join to its own gateway, or skip one.
            """
        case .eventScopeNotPreserved:
            """
            Camunda 7: an event is migrated without the scope its trigger lives in, or that \
            scope goes somewhere else. The event scope of a boundary event is the activity it \
            is attached to; of an event-sub-process start event, the scope holding the event \
            sub-process; of a catch event after an event-based gateway, the gateway. The \
            engine requires "The source activity's event scope (X) must be mapped to the \
            target activity's event scope (Y)".

            Map the attached activity (or the gateway) to the element the target event is \
            attached to (or follows), or leave the event unmapped so that its trigger is \
            created fresh.
            """
        case .noPersistentTriggerToUpdate:
            """
            Camunda 7: `updateEventTrigger: true` asks the engine to replace an element's \
            trigger (a timer job, a message or signal subscription) with the newer \
            definition's, but the source element has no persistent trigger ("Cannot update \
            event trigger because the activity does not define a persistent event trigger"). \
            A user task, or an error boundary event, has none.

            Remove `updateEventTrigger` from the entry.
            """
        case .scopeHierarchyNotPreserved:
            """
            Camunda 7: an element and its closest migrated enclosing scope (a sub-process or \
            multi-instance body) are migrated so that the scope's target does not enclose the \
            element's target ("The closest mapped ancestor 'A' is mapped to scope 'B' which \
            is not an ancestor of target scope 'C'"). Migration may move elements deeper or \
            shallower, but never out of the scope their parent instance goes to.

            Map the enclosing scope to a scope that contains the target, or map the element \
            to an element inside the scope's target.
            """
        case .conditionalEventWithoutTriggerUpdate:
            """
            Camunda 7: a conditional event is migrated with `updateEventTrigger: false`. \
            Conditional events must always take the newer definition's condition \
            ("Conditional event has to migrate with update event trigger."). Ferry sets the \
            flag for conditional events unless the entry says otherwise.

            Remove `updateEventTrigger: false` from the entry.
            """
        case .unsupportedActiveElement:
            """
            Camunda 8 cannot migrate an instance waiting in an element of this type ("The \
            migration of a INCLUSIVE_GATEWAY is not supported"). The types it migrates are \
            service, user, receive, send, script and business-rule tasks, sub-processes, \
            event sub-processes, call activities, intermediate catch events, exclusive and \
            event-based gateways, multi-instance bodies, and joining parallel and inclusive \
            gateways through their incoming flows.

            Let those instances finish before migrating, or skip the element with the reason.
            """
        case .unsupportedCatchEventType:
            """
            Camunda 8 cannot migrate this kind of catch event: an intermediate catch event \
            other than message, timer or signal, or an element with a boundary event or an \
            event sub-process whose start event is of a type the engine does not migrate yet.

            Skip the element, or let the instances pass it before migrating.
            """
        case .catchEventBehindEventGateway:
            """
            Camunda 8: a catch event after an event-based gateway is mapped, but the gateway \
            is not. While an instance waits there, the gateway is the active element and the \
            catch events are its subscriptions: mapping a catch event moves its subscription \
            along with the gateway (a timer keeps its due date). Without the gateway the entry \
            could only apply to the catch event itself, which the engine refuses ("Migrating \
            active events attached to an event-based gateway is not possible yet.").

            Map the gateway too, or remove the entry (the subscriptions are then opened again \
            from the newer definition).
            """
        case .flowScopeChanged:
            """
            Camunda 8: an element is migrated into another flow scope (into or out of a \
            sub-process, or into a different one). The target's flow scope must be where the \
            source's flow scope goes ("The flow scope of an element cannot be changed during \
            migration yet."), and the flow scope must be migrated too: the engine needs an \
            instruction for every active element, the sub-processes and multi-instance bodies \
            around it included.

            Keep the element in the same scope and map the scope with it (a renamed \
            sub-process or multi-instance activity needs its own entry, \
            `pickItem#multiInstanceBody: pickLine#multiInstanceBody`), or skip those instances.
            """
        case .catchEventDetached:
            """
            Camunda 8: a catch event is mapped to one that belongs to a different element than \
            the one its own element is mapped to ("These mappings detach the catch event from \
            the element in the target process. Catch events must stay attached to the same \
            element instance."). A boundary event belongs to the activity it is attached to, \
            the start event of an event sub-process to the process or sub-process around the \
            event sub-process, a catch event after an event-based gateway to the gateway.

            Map the catch event to one of the element's target, or leave it unmapped so that \
            the target's subscription is opened fresh.
            """
        case .catchEventsMerged:
            """
            Camunda 8: two catch events are mapped to the same catch event ("Catch events \
            cannot be merged by process instance migration."). Map each to its own, or leave \
            one unmapped.
            """
        case .loopCharacteristicsChanged:
            """
            Camunda 8: a multi-instance body is migrated to one that runs the other way \
            (parallel to sequential or back): "Both elements must have either sequential or \
            parallel loop characteristics."

            Keep the loop characteristics, or give the changed activity a new id and skip the \
            old one.
            """
        case .joinFlowNotConnected:
            """
            Camunda 8 matches the tokens waiting at a joining parallel or inclusive gateway by \
            the ids of the incoming sequence flows they arrived on. An incoming flow of the \
            source gateway has no incoming flow with the same id at the target gateway, so a \
            token that took it cannot be placed ("Taken sequence flow with id 'X' must \
            connect to the mapped target gateway").

            Keep the sequence flow ids of a join's incoming flows across versions.
            """
        case .mappingWithoutEffect:
            """
            A warning: the entry maps an element that holds no state on this engine (a \
            script task without asynchronous continuation, an exclusive gateway, an end \
            event). No instance ever waits there, so the instruction never applies.

            Remove the entry; it documents something that does not happen.
            """
        case .catchEventMeaningChanged:
            """
            A warning: a catch event is mapped to one that waits for something else (a \
            message catch to a timer catch, say). Camunda 7 accepts it, because both have the \
            same behaviour, but a migrated instance keeps waiting for its old message (or, \
            with `updateEventTrigger: true`, starts waiting for the new trigger), which is \
            rarely what the change meant.

            If that is intended, keep it and say so in a comment; otherwise map the old \
            catch event to one of its own type.
            """
        case .triggerUpdateWithoutChange:
            """
            A warning: `updateEventTrigger: true` is set on an element whose trigger is the \
            same in both versions (the same timer expression, message or signal name). \
            Updating it recreates the trigger: a relative timer starts again from the \
            migration time, which is rarely intended.

            Remove `updateEventTrigger`, or change the trigger in the newer definition.
            """
        case .composedRuleViolation:
            """
            `ferry plan` composes the hops from each source version to the target into one \
            migration (1.0.0 → 1.0.1 → 1.1.0 becomes 1.0.0 → 1.1.0) and checks that migration \
            again with the engine's rules, because the engine sees only the composed plan. \
            Composition can break a rule that no single hop breaks: an element moved into a \
            new sub-process in one hop and mapped out of a multi-instance body in the next, a \
            boundary event whose activity was renamed in another hop than the event itself, two \
            sources that meet in one target only after several hops.

            The finding is placed where the rule would place it for the composed instruction \
            (the last mapping entry on its way, or the element in a definition). The first note \
            names the rule's own code (`ferry explain` it for the rule), and the notes after the \
            rule's own list every hop the instruction went through: the entries that moved or \
            skipped it and the versions over which it kept its id.

            Change one of the hops so that the composed migration passes as well: map the \
            element to a target the composed plan accepts, or skip it where instances cannot \
            follow.
            """
        case .composedWaitStateUncovered:
            """
            Instances can rest in this element of the source version, every hop on the way is \
            valid, and yet no chain of hops carries the element to the target: somewhere it \
            became an element that no longer holds instances (an asynchronous continuation \
            removed, say), and the next hop dropped it without a mapping because, there, \
            nothing could wait in it.

            The notes follow the element hop by hop to where it stops. Map it (or the element it \
            became) in that hop's mapping file, or skip it with a reason, so that the composed \
            plan says where its instances go.
            """
        case .severalProcesses:
            """
            A plan (`ferry plan`) is for one process: its versions, hops and instances. This \
            plan directory holds definitions of more than one process id, so Ferry cannot tell \
            which one to compose.

            Keep each process in a plan directory of its own (`plans/invoice`, \
            `plans/shipment`); `ferry check plans` checks them all together.
            """
        case .nothingToPlan:
            """
            The plan directory has no definition with a version Ferry could read (or none at \
            all), so there is nothing to compose. The definitions' own errors, if any, are \
            reported with them.

            Put one definition per released version under `definitions/`, each with its \
            version (`camunda:versionTag`, `zeebe:versionTag` or the XPDL `Version`).
            """
        case .targetNotDeployed:
            """
            `ferry plan --emit camunda7` and `--emit camunda8` write requests between deployed \
            definitions, not version tags: Ferry looks the tags up in the engine's own list \
            (`--deployed FILE`). That list has no definition of the process with the target's \
            version tag, so there is nothing to migrate to.

            Deploy the target version, then save the list again and pass it:

              Camunda 7  curl -s 'http://localhost:8080/engine-rest/process-definition?key=invoice' > deployed.json
              Camunda 8  curl -s -X POST http://localhost:8080/v2/process-definitions/search \\
                           -H 'Content-Type: application/json' \\
                           -d '{"filter": {"processDefinitionId": "invoice"}}' > deployed.json

            When several deployments carry the tag, the newest (highest engine version) is the \
            target.
            """
        case .sourceNotDeployed:
            """
            A version in the plan directory has no deployment in the engine's list \
            (`--deployed FILE`): no instance can run on it there, so no request is written for \
            it. This is a note: a release that never reached this engine is common. If it should \
            be deployed, check that the list is recent and for the right engine.
            """
        case .deployedFileInvalid:
            """
            `--deployed FILE` must be the engine's own response, saved as it comes:

              Camunda 7  GET /process-definition?key=<process>: a JSON array of objects with \
                         `id`, `key`, `version` and `versionTag`
              Camunda 8  POST /v2/process-definitions/search: an object whose `items` hold \
                         `processDefinitionKey`, `processDefinitionId`, `version` and `versionTag`

            The message says what is missing. Save the response again without editing it.
            """
        case .variablesNotSupported:
            """
            Camunda 8 migrates an instance's variables as they are and has no way to set new \
            ones during a migration (reference: the migration request has no variables). A \
            mapping file's `variables.set` cannot be carried out, and dropping it silently would \
            leave migrated instances without values the new version expects.

            Remove the variable from `variables.set` and set it after the migration (a job \
            worker, the REST API's variables endpoint), or let the new version set it itself.
            """
        case .instancesWrongShape:
            """
            `ferry plan --emit joget` and `--emit joget-sh` read the running instances from the \
            inventory given with `--instances FILE` (schema: `grammar/joget-instances.schema.json`):

                {"instances": [
                  {"id": "224_expense_claims_expense_claim", "version": "1.0.0",
                   "activities": ["verify_receipts"],
                   "variables": {"amount": "120.50"}, "recordId": "claim-0042"}
                ]}

            A value in it has another shape than the format allows: `instances` is a list of \
            objects; `id`, `version` and `recordId` are non-empty texts; `version` is \
            MAJOR.MINOR.PATCH; `activities` is a non-empty list of activity ids; `variables` is \
            an object whose values are texts (numbers and booleans are taken as written; null \
            is refused, because Joget's workflow variables are text and the JSON API has no \
            way to send a null).

            Fix the value the diagnostic points at. Ferry reads the file with its YAML layer \
            (JSON is YAML), so the inventory may be written in either; positions are exact in \
            both.
            """
        case .instancesUnknownKey:
            """
            An instance inventory has a fixed set of keys: `instances` (and `$schema`) at the \
            top level, and `id`, `version`, `activities`, `variables` and `recordId` in each \
            instance. Any other key is most likely a typo (`recordID`, `activity`) that would \
            otherwise drop data silently, such as the record id that links the new instance \
            to the claim's form data.

            Rename the key as the "did you mean" help suggests, or remove it.
            """
        case .instancesMissingKey:
            """
            Each instance of an inventory needs its `id` (the Joget process instance id, used \
            in messages and the journal of the migration script), its `version` (the source \
            version, MAJOR.MINOR.PATCH as the plan directory's definitions carry it) and the \
            `activities` it waits in (activity definition ids). The top level needs \
            `instances`.

            Add the missing key. `variables` and `recordId` are optional: without `recordId` \
            Joget starts the new instance without a link to an existing form record.
            """
        case .instanceUnknownVersion:
            """
            The instance is on a version that no definition in the plan directory has, so Ferry \
            cannot tell where its activities go.

            Write the version exactly as the definition carries it (`RedefinableHeader/Version` \
            of the XPDL, MAJOR.MINOR.PATCH), or add the released definition of that version \
            under `definitions/` with the mapping file of its minor increment. Note that \
            Joget's own package version (the integer in `app#3#process`) is not this version.
            """
        case .instanceActivityNotWaiting:
            """
            An instance can only wait in an activity that holds it: a `normal` activity a user \
            works on, or a `subflow` activity waiting for its sub-process. The inventory lists \
            an activity id that the instance's version does not have, or one that is a `tool` \
            or a `route`, which Joget runs or passes at once.

            Check the activity definition id (not the activity instance id, and not the \
            activity's name) against the definition of the instance's version; `ferry inspect \
            FILE` lists its activities. An instance that is running a tool is best migrated \
            after the tool finished.
            """
        case .instanceNotMigrated:
            """
            The instance is on a version that the composed plan does not move: a version on an \
            older major than the target (majors are never migrated), the target version itself \
            (there is nothing to migrate), or a version that `--from` did not select.

            Remove the instance from the inventory, or choose `--from` and `--to` so that its \
            version has a plan. `ferry plan DIR` (the JSON plan) lists every source version and \
            every version that is not migratable, with the reason.
            """
        case .instanceListedTwice:
            """
            The same instance id appears twice in the inventory, or the same activity twice in \
            one instance. Migrating an instance twice would start two new instances for one \
            claim, and the migration script's journal keys on the instance id; two entries \
            usually mean an inventory was concatenated or exported twice.

            Keep one of the entries (the note points at the first).
            """
        case .jogetCannotExpress:
            """
            Ferry migrates a Joget instance with the JSON API: `process/start` on the target \
            version (with `recordId` and a `var_<name>` per workflow variable), then \
            `activity/start` for each activity the instance must wait in. Some plans have a \
            step that these calls cannot express:

              - a target that is not a `normal` or `subflow` activity: `activity/start` runs a
                tool at once, and a route holds nothing (rule FR006 refuses such a mapping);
              - a variable whose value is null: workflow variables are text, and a form
                parameter cannot be null;
              - a target definition without a package id.

            The diagnostic points at the mapping entry that makes the step. Map to the normal \
            activity that follows, skip the element with a reason, or give the variable a text \
            value.
            """
        case .jogetUndeclaredVariable:
            """
            `process/start` sets each workflow variable from a `var_<name>` parameter, but the \
            target version declares no `DataField` with that id. Depending on the Joget \
            version the value is dropped silently or the start fails, so the migrated instance \
            would lose it either way.

            Declare the variable in the target version's process (Process properties → \
            Workflow Variables), rename it in the inventory or the mapping file to the \
            target's name, or drop it if the new version no longer needs it.
            """
        case .jogetStartRunsTool:
            """
            `process/start` starts the new instance at the start of the target process, where \
            Joget runs at once any tool (an email, a form update, a web service call) that \
            comes first, before `activity/start` puts the instance on its activity. For \
            migrated instances that tool then runs a second time, which Joget's own migration \
            guide warns about.

            Check that the tool is harmless to run again for migrated instances (or make it \
            conditional on a workflow variable that the migration sets in the mapping file's \
            `variables.set`).
            """
        }
    }
}
