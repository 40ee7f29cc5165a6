import PetitionCore

/// The annual report on petition work (Art 41 para 1): its four items, from the year's
/// statistics, as 80-column text and as CSV. Every number is a column of `StatisticsColumns`
/// read from the same `Statistics` that `xinfang stats` prints, so the two agree.
package struct AnnualReport {
    package var year: Int
    /// The year's statistics: `byCategory` and `byOrgan` are the same query broken down.
    package var byCategory: Statistics
    package var byOrgan: Statistics
    package var language: Language
    package var scope: String
    package var label: (StatisticsQuery.Dimension, String) -> String
    package var cite: (RuleID) -> String
    /// Organs listed as most complained about.
    package static let topOrgans = 10
    /// The supervision acts of organs in the year and the jurisdiction (Arts 38, 39 para 3:
    /// records of no case, decision 0024), by measure: the second item's "督办情况".
    package var organActs: [OrganMeasure: Int] = [:]
    /// The petition departments (信访部门) of the directory: never listed as complained about.
    package var petitionDepartments: Set<OrganCode> = []

    /// The directory's petition departments, for `petitionDepartments`.
    package static func petitionDepartments(in directory: Directory) -> Set<OrganCode> {
        Set(directory.organs.filter { $0.type == .petitionBureau }.map(\.code))
    }

    package init(year: Int, byCategory: Statistics, byOrgan: Statistics, language: Language, scope: String,
                 label: @escaping (StatisticsQuery.Dimension, String) -> String, cite: @escaping (RuleID) -> String) {
        self.year = year
        self.byCategory = byCategory
        self.byOrgan = byOrgan
        self.language = language
        self.scope = scope
        self.label = label
        self.cite = cite
    }

    private var zh: Bool { language == .zh }
    private func l(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
    private var total: Figures { byCategory.total }
    private func value(_ name: String, _ f: Figures) -> Int {
        StatisticsColumns.all.first { $0.name == name }.flatMap { $0.value(f) } ?? 0
    }

    /// The fields (categories) of the cases received in the year. A group that received none
    /// (only a 督办 issued this year on an older case, or only duty clocks another organ's
    /// cases ran) is no field and no organ complained about.
    private var fields: [Statistics.Group] { byCategory.groups.filter { $0.figures.received > 0 } }
    /// The organs answerable for the most cases received in the year, the first `topOrgans` —
    /// the petition departments left out: a case a department holds is one it received or is
    /// sending on (Arts 22, 23), not a complaint about it (the tester of issue 14 found the
    /// bureau first, for its untriaged letters).
    private var mostComplained: [Statistics.Group] {
        Array(byOrgan.groups.filter { $0.figures.received > 0 && !petitionDepartments.contains($0.key) }
            .prefix(Self.topOrgans))
    }

    /// One number of the report: the section (item of Art 41 para 1), the group (`total`, a
    /// category or an organ code), the figure's column name and its value.
    package struct Entry: Equatable, Sendable {
        package var item: Int
        /// How the group was formed: nil for the total.
        package var dimension: StatisticsQuery.Dimension?
        package var group: String
        package var figure: String
        package var value: Int
    }

    package var entries: [Entry] {
        var e: [Entry] = []
        for name in ["received", "accepted", "replied"] { e.append(Entry(item: 1, dimension: nil, group: "total", figure: name, value: value(name, total))) }
        for g in fields { e.append(Entry(item: 1, dimension: .category, group: g.key, figure: "received", value: g.figures.received)) }
        for g in mostComplained {
            e.append(Entry(item: 1, dimension: .organ, group: g.key, figure: "received", value: g.figures.received))
        }
        for name in ["transferred", "assigned"] + Suggestion.allCases.map({ "orders_\($0.rawValue)" }) {
            e.append(Entry(item: 2, dimension: nil, group: "total", figure: name, value: value(name, total)))
        }
        for m in OrganMeasure.allCases {
            e.append(Entry(item: 2, dimension: nil, group: "total", figure: "acts_\(m.rawValue)", value: organActs[m] ?? 0))
        }
        for s in Suggestion.allCases {
            for name in ["orders_\(s.rawValue)", "orders_\(s.rawValue)_answered", "orders_\(s.rawValue)_adopted"] {
                e.append(Entry(item: 3, dimension: nil, group: "total", figure: name, value: value(name, total)))
            }
        }
        var other = ["breaches"]
        for c in MeasuredClock.allCases { other += ["\(c.rawValue)_on_time", "\(c.rawValue)_settled"] }
        other += ["rated"] + Satisfaction.allCases.map { "rated_\($0.rawValue)" }
        for name in other { e.append(Entry(item: 4, dimension: nil, group: "total", figure: name, value: value(name, total))) }
        return e
    }

    package var csv: String {
        CSV.text([["item", "by", "group", "name", "figure", "value"]] + entries.map { entry in
            let name = entry.dimension.map { label($0, entry.group) } ?? l("合计", "total")
            return ["\(entry.item)", entry.dimension?.rawValue ?? "", entry.group, name, entry.figure, "\(entry.value)"]
        }, bom: true)
    }

    private func ratio(_ count: Int, _ of: Int) -> String {
        guard of > 0 else { return "\(count)/\(of)" }
        let tenths = (count * 1000 + of / 2) / of
        return "\(count)/\(of) \(tenths / 10).\(tenths % 10)%"
    }

    /// The report as text no wider than 80 columns.
    package var lines: [String] {
        let t = total
        var out: [String] = []
        out.append(l("\(scope) \(year)年度信访情况报告", "\(scope): petition work in \(year)"))
        out.append(l("（依据《信访工作条例》\(cite(.annualReport))；统计口径见 docs/statistics.md）",
                     "(\(cite(.annualReport)); figures as docs/statistics.md defines them)"))
        out.append("")
        out.append(l("一、信访事项数据统计、涉及领域及被投诉较多的机关", "1. Volumes, fields and the organs complained about most"))
        out.append(l("  收到 \(t.received) 件，受理 \(t.accepted) 件，答复送达 \(t.replied) 件。",
                     "  Received \(t.received), accepted \(t.accepted), replied \(t.replied)."))
        out.append(l("  涉及领域：", "  Fields:"))
        out += rows(fields, .category)
        out.append(l("  被投诉较多的机关（前\(Self.topOrgans)，不含信访部门）：",
                     "  Organs complained about most (top \(Self.topOrgans), petition departments not listed):"))
        out += rows(mostComplained, .organ)
        out.append("")
        out.append(l("二、转送、交办、督办情况", "2. Transfers, assignments and supervision orders"))
        out.append(l("  转送 \(t.transferred) 件，交办 \(t.assigned) 件，督办 \(t.ordersTotal) 次。",
                     "  Transferred \(t.transferred), assigned \(t.assigned), supervision orders \(t.ordersTotal)."))
        let acts = OrganMeasure.allCases.map { $0.label.text(language) + " \(organActs[$0] ?? 0)" + l("次", "") }
        out.append(l("  对机关（\(cite(.supervisionListed))、\(cite(.supervisionInspection))）：",
                     "  Of organs (\(cite(.supervisionListed)), \(cite(.supervisionInspection))): ")
                   + acts.joined(separator: l("，", ", ")) + l("。", "."))
        out.append("")
        out.append(l("三、改进工作、完善政策、追究责任建议及采纳情况", "3. Suggestions made and whether they were adopted"))
        for s in Suggestion.allCases {
            let made = t.orders[s] ?? 0, answered = t.ordersAnswered[s] ?? 0, adopted = t.ordersAdopted[s] ?? 0
            out.append("  " + ChoiceLabels.label(s.rawValue, language)
                       + l("：提出 \(made) 条，已反馈 \(answered) 条，采纳 \(adopted) 条。",
                           ": made \(made), answered \(answered), adopted \(adopted)."))
        }
        out.append("")
        out.append(l("四、其他应当报告的事项", "4. Other matters"))
        out.append(l("  逾期未履职（第43–45条）：\(t.breaches) 项。", "  Breaches (Arts 43–45): \(t.breaches)."))
        for c in MeasuredClock.allCases {
            guard let r = t.onTime[c], r.of > 0 else { continue }
            out.append("  " + c.kind.title.text(language) + l("按时：", " on time: ") + ratio(r.count, r.of))
        }
        let rated = Satisfaction.allCases.map { ChoiceLabels.label($0.rawValue, language) + " \(t.ratings[$0] ?? 0)" }
        out.append(l("  信访人评价（\(cite(.intakeRating))）：", "  Ratings (\(cite(.intakeRating))): ")
                   + rated.joined(separator: l("，", ", ")) + l("；满意率 ", "; satisfied ")
                   + ratio(t.satisfaction.count, t.satisfaction.of))
        return out
    }

    private func rows(_ groups: [Statistics.Group], _ dimension: StatisticsQuery.Dimension) -> [String] {
        guard !groups.isEmpty else { return [l("    （无）", "    (none)")] }
        let top = groups.map(\.figures.received).max() ?? 0
        let sum = max(1, total.received)
        return groups.map { g in
            let name = DisplayWidth.truncate(label(dimension, g.key), to: 28)
            let count = String(g.figures.received)
            let share = (g.figures.received * 1000 + sum / 2) / sum
            return "    " + DisplayWidth.pad(name, to: 28) + " " + String(repeating: " ", count: max(0, 6 - count.count))
                + count + "  " + DisplayWidth.pad("\(share / 10).\(share % 10)%", to: 6) + "  "
                + StatisticsText.bar(g.figures.received, of: top, width: 24, ascii: false)
        }
    }

    /// The report as 80-column text: a line longer (an English sentence of counts) wraps, its
    /// later rows indented two more than its first.
    package var text: String {
        lines.flatMap { line -> [String] in
            guard DisplayWidth.of(line) > 80 else { return [line] }
            let indent = line.prefix { $0 == " " }.count
            let rows = DisplayWidth.wrap(String(line.dropFirst(indent)), to: 80 - indent - 2)
            return rows.enumerated().map { String(repeating: " ", count: indent + ($0.offset == 0 ? 0 : 2)) + $0.element }
        }.joined(separator: "\n") + "\n"
    }
}
