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

            Choose one target; create the others' work after the migration if needed.
            """
        case .targetCannotHoldInstances:
            """
            For Joget, a migration target must be an activity a user can hold: a `normal` \
            activity (`Implementation/No`). Starting a `tool` activity runs it at once, and a \
            `route` holds nothing; Joget's `activity/start` on them does not leave the \
            instance waiting where the mapping says.

            Map to the normal activity that follows, or skip the source.
            """
        }
    }
}
