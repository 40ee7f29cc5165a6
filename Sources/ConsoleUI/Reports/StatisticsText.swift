import PetitionCore

/// Statistics as text for a terminal: figures, horizontal bars and monthly sparklines in
/// Unicode block characters, or in plain ASCII (`--ascii`, TERM=vt100 or dumb).
package struct StatisticsText {
    package var stats: Statistics
    package var language: Language
    package var ascii: Bool
    /// The name of a group's key (an organ's short name, a category's name, …).
    package var label: (String) -> String
    /// The short citation of a rule (第22条 / Art 22).
    package var cite: (RuleID) -> String
    /// The name of the jurisdiction's organ (its short name). It was named by `label`, the
    /// breakdown's: under `--by category` an organ's scope read "D-ZJJ及其下级".
    package var organ: (OrganCode) -> String

    package init(_ stats: Statistics, language: Language, ascii: Bool, label: @escaping (String) -> String,
                 cite: @escaping (RuleID) -> String, organ: ((OrganCode) -> String)? = nil) {
        self.stats = stats
        self.language = language
        self.ascii = ascii
        self.label = label
        self.cite = cite
        self.organ = organ ?? label
    }

    private var zh: Bool { language == .zh }
    private func l(_ chinese: String, _ english: String) -> String { zh ? chinese : english }

    /// A bar `width` cells wide at most, for `value` out of `max`: full blocks, then an eighth-block
    /// remainder (`#` and nothing partial in ASCII).
    package static func bar(_ value: Int, of max: Int, width: Int, ascii: Bool) -> String {
        guard max > 0, value > 0 else { return "" }
        let eighths = value * width * 8 / max
        let full = eighths / 8, rest = eighths % 8
        if ascii { return String(repeating: "#", count: Swift.max(1, full)) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][rest]
        let text = String(repeating: "█", count: full) + partial
        return text.isEmpty ? "▏" : text
    }

    /// One character a value, eight levels from the smallest to the largest of them.
    package static func sparkline(_ values: [Int], ascii: Bool) -> String {
        let levels: [Character] = ascii ? Array("_.-:=+*#") : Array("▁▂▃▄▅▆▇█")
        let top = values.max() ?? 0
        return String(values.map { top == 0 ? levels[0] : levels[$0 * 7 / top] })
    }

    private func ratio(_ r: Ratio) -> String { "\(r.count)/\(r.of) \(r.percentText)" }

    private func days(_ values: [Int]) -> String {
        let m = percentile(50, of: values).map(String.init) ?? "—"
        let p = percentile(90, of: values).map(String.init) ?? "—"
        return l("中位数 \(m) 日，第90百分位 \(p) 日", "median \(m) days, 90th percentile \(p) days")
    }

    private func clockTitle(_ c: MeasuredClock) -> String { c.kind.title.text(language) + l("（", " (") + cite(c.kind.rule) + l("）", ")") }

    /// The text `xinfang stats` prints: the heading, the volumes, the clocks, the other figures
    /// and the breakdown's table. The console's statistics screen shows the same sections
    /// (`StatisticsScreen`), so the two cannot disagree.
    package var lines: [String] {
        var out = heading + [""] + volumes + [""] + clocks + [""] + figures
        let table = groupTable
        if !table.isEmpty { out += [""] + table }
        return out
    }

    /// The period, the as-of day and the jurisdiction; how a case is placed in the period.
    package var heading: [String] {
        let q = stats.query
        let scope = q.organ.map { organ($0) + l("及其下级", " and below") } ?? l("全部", "all")
        return [l("信访统计 \(q.from) 至 \(q.to)（截至 \(q.asOf)）范围：\(scope)",
                  "Petition statistics \(q.from) to \(q.to) (as of \(q.asOf)), scope: \(scope)"),
                l("日期口径：收到日期；各项定义见 docs/statistics.md", "Placed by the day received; docs/statistics.md defines each figure")]
    }

    /// Received, accepted, replied; the monthly sparkline of what was received.
    package var volumes: [String] {
        let q = stats.query, t = stats.total
        var out = [l("收到 \(t.received) 件  受理 \(t.accepted) 件  答复送达 \(t.replied) 件",
                     "received \(t.received)  accepted \(t.accepted)  replied \(t.replied)")]
        if let first = q.months.first, let last = q.months.last {
            let month = { (d: Day) in String(d.description.prefix(7)) }
            let counts = t.monthly.map(String.init).joined(separator: " ")
            let line = l("月度收到  ", "by month  ") + Self.sparkline(t.monthly, ascii: ascii) + "  \(month(first))…\(month(last))"
            if DisplayWidth.of(line + "  " + counts) <= Self.width, t.monthly.count <= Self.sparkMonths {
                out.append(line + "  " + counts)
            } else {
                // A long period: the sparkline by year (a month a character would not fit, and
                // decades of months would show mostly the empty early ones), then each year's
                // months, a line a year, so that every line keeps to 80 columns.
                let years = Self.byYear(q.months, t.monthly)
                if t.monthly.count <= Self.sparkMonths {
                    out.append(line)
                } else {
                    out.append(l("年度收到  ", "by year   ") + Self.sparkline(years.map { $0.values.reduce(0, +) }, ascii: ascii)
                               + "  \(first.year)…\(last.year)")
                }
                for year in years { out.append("  \(year.year)  " + year.values.map(String.init).joined(separator: " ")) }
            }
        }
        return out
    }

    /// Every line of statistics text keeps to this many columns.
    static let width = 80
    /// The most months a sparkline shows one character each.
    static let sparkMonths = 60

    /// Monthly values grouped by calendar year, in order.
    static func byYear(_ months: [Day], _ values: [Int]) -> [(year: Int, values: [Int])] {
        var out: [(year: Int, values: [Int])] = []
        for (m, v) in zip(months, values) {
            if out.last?.year == m.year { out[out.count - 1].values.append(v) } else { out.append((m.year, [v])) }
        }
        return out
    }

    /// On time, clock by clock, each with its article and a bar of its share.
    package var clocks: [String] {
        let t = stats.total
        var out = [l("按时办理", "On time")]
        let measured = MeasuredClock.allCases.filter { (t.onTime[$0]?.of ?? 0) > 0 }
        let titleWidth = measured.map { DisplayWidth.of(clockTitle($0)) }.max() ?? 0
        // The ratio column as wide as its widest (padding never cuts "1234/1234 100.0%").
        let ratioWidth = max(13, measured.map { DisplayWidth.of(ratio(t.onTime[$0] ?? Ratio())) }.max() ?? 0)
        // The bar takes what the line has left of 80 columns, up to 20 (the English titles are long).
        let barWidth = max(4, min(20, Self.width - 2 - titleWidth - 2 - ratioWidth - 1))
        for c in measured {
            let r = t.onTime[c] ?? Ratio()
            out.append("  " + DisplayWidth.pad(clockTitle(c), to: titleWidth) + "  "
                       + DisplayWidth.pad(ratio(r), to: ratioWidth) + " " + Self.bar(r.count, of: r.of, width: barWidth, ascii: ascii))
        }
        return out
    }

    /// Days to acceptance and reply, repeats, first contact, outcomes, reviews, satisfaction,
    /// transfers, assignments, orders and breaches.
    package var figures: [String] {
        let t = stats.total
        var out: [String] = []
        out.append(l("受理用时  ", "to acceptance  ") + days(t.daysToAcceptance))
        out.append(l("答复用时  ", "to reply       ") + days(t.daysToReply))
        out.append(l("重复访率  ", "repeats        ") + ratio(t.repeats))
        out.append(l("初次化解  ", "first contact  ") + ratio(t.firstContact))
        // Two lines, so that the text keeps to 80 columns whatever the counts.
        out.append(l("处理意见（\(cite(.handlingOpinion))）  支持 \(ratio(t.support))  解释说明 \(ratio(t.explain))",
                     "Opinions (\(cite(.handlingOpinion))): support \(ratio(t.support)), explain \(ratio(t.explain)),"))
        out.append(l("          不予支持 \(ratio(t.notSupport))", "          not support \(ratio(t.notSupport))"))
        out.append(l("复查率（\(cite(.reviewRequest))）\(ratio(t.review))  复核率（\(cite(.rereviewRequest))）\(ratio(t.rereview))",
                     "Review rate (\(cite(.reviewRequest))) \(ratio(t.review)), re-review rate (\(cite(.rereviewRequest))) \(ratio(t.rereview))"))
        let counts = Satisfaction.allCases.map { ChoiceLabels.label($0.rawValue, language) + " \(t.ratings[$0] ?? 0)" }
        let satisfaction = l("满意度（\(cite(.intakeRating))）", "Satisfaction (\(cite(.intakeRating))) ") + ratio(t.satisfaction)
        let ratings = l("（", "(") + counts.joined(separator: l("，", ", ")) + l("）", ")")
        if DisplayWidth.of(satisfaction + " " + ratings) <= Self.width {
            out.append(satisfaction + (language == .zh ? "" : " ") + ratings)
        } else {
            out.append(satisfaction)
            out.append("          " + ratings)
        }
        out.append(l("转送 \(t.transferred)  交办 \(t.assigned)  督办 \(t.ordersTotal)（采纳 \(t.ordersAdoptedTotal)）  逾期未履职 \(t.breaches)",
                     "transferred \(t.transferred)  assigned \(t.assigned)  supervision orders \(t.ordersTotal) (adopted \(t.ordersAdoptedTotal))  breaches \(t.breaches)"))
        return out
    }

    private func dimensionTitle(_ by: StatisticsQuery.Dimension) -> String { Self.title(of: by).text(language) }

    /// A breakdown's name (类别, 机关 …), as the table's heading and the console's screen say it.
    package static func title(of by: StatisticsQuery.Dimension) -> Localized {
        switch by {
        case .category: Localized("类别", "category")
        case .organ: Localized("机关", "organ")
        case .channel: Localized("渠道", "channel")
        case .type: Localized("类型", "type")
        case .month: Localized("月份", "month")
        case .level: Localized("层级", "level")
        }
    }

    /// The name of a group's key under a breakdown: a category's name, an organ's short name, a
    /// channel's or type's label, the month, the level — as `stats` and the console show it.
    package static func groupName(_ dimension: StatisticsQuery.Dimension, _ key: String, directory: Directory,
                                  categories: CategoryList, language: Language) -> String {
        let zh = language == .zh
        switch dimension {
        case .category: return categories[key]?.name(language) ?? key
        case .organ: return directory.shortName(key, language)
        case .channel, .type: return ChoiceLabels.label(key, language)
        case .month: return key
        case .level:
            switch Organ.Level(rawValue: key) {
            case .province: return zh ? "省级" : "province"
            case .city: return zh ? "市级" : "city"
            case .district: return zh ? "县级" : "district"
            case .subdistrict: return zh ? "乡镇街道" : "subdistrict"
            case nil: return key
            }
        }
    }

    /// The breakdown's table: a heading row, then one row a group — name, count, a bar against
    /// the largest group, on-time (all clocks), satisfaction and the monthly sparkline. Empty
    /// without a breakdown or without cases.
    package var groupTable: [String] {
        guard let by = stats.query.by, !stats.groups.isEmpty else { return [] }
        let groups = stats.groups
        let top = groups.map(\.figures.received).max() ?? 0
        // A name longer than leaves room for the other columns and a heading is cut (…).
        let widest = Self.width - 44 - 7
        let names = groups.map { DisplayWidth.truncate(label($0.key), to: widest) }
        let nameWidth = min(widest, max(DisplayWidth.of(dimensionTitle(by)), names.map { DisplayWidth.of($0) }.max() ?? 0))
        // Each row's sparkline takes what is left of 80 columns: a character a month while the
        // months fit, else a character a year (the last years, if even those do not fit).
        let room = max(4, Self.width - (nameWidth + 44))
        let months = stats.query.months
        let monthly = months.count <= room
        func spark(_ values: [Int]) -> String {
            if monthly { return Self.sparkline(values, ascii: ascii) }
            let years = Self.byYear(months, values).map { $0.values.reduce(0, +) }
            return Self.sparkline(Array(years.suffix(room)), ascii: ascii)
        }
        var rows = [DisplayWidth.pad(dimensionTitle(by), to: nameWidth) + "  " + l("收到", "recd") + "  "
                    + DisplayWidth.pad("", to: 16) + "  " + DisplayWidth.pad(l("按时", "on time"), to: 7) + "  "
                    + DisplayWidth.pad(l("满意", "satisf."), to: 7) + "  " + (monthly ? l("月度", "monthly") : l("年度", "yearly"))]
        for (g, name) in zip(groups, names) {
            let f = g.figures
            let onTime = f.onTime.values.reduce(Ratio()) { Ratio($0.count + $1.count, of: $0.of + $1.of) }
            let count = String(f.received)
            rows.append(DisplayWidth.pad(name, to: nameWidth) + "  "
                        + String(repeating: " ", count: max(0, 4 - count.count)) + count + "  "
                        + DisplayWidth.pad(Self.bar(f.received, of: top, width: 16, ascii: ascii), to: 16) + "  "
                        + DisplayWidth.pad(onTime.percentText, to: 7) + "  "
                        + DisplayWidth.pad(f.satisfaction.percentText, to: 7) + "  "
                        + spark(f.monthly))
        }
        return rows
    }

    /// The lines, with no trailing spaces (an empty bar leaves its padding).
    package var text: String {
        lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }
}
