/// The closing line of `ferry check` in the human format, in the spirit of Terraform's
/// `Plan: …` line: what was read and what was found.
public enum CheckSummary {
    public static func line(for result: CheckResult) -> String {
        let plans = counted(result.planDirectoryCount, "plan directory", "plan directories")
        let files = counted(result.fileCount, "file", "files")
        let errors = result.report.errorCount
        let warnings = result.report.warningCount
        let findings = errors == 0 && warnings == 0
            ? "no problems found"
            : "\(counted(errors, "error", "errors")), \(counted(warnings, "warning", "warnings"))"
        return "checked \(plans) (\(files)): \(findings)"
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }
}
