import PetitionCore

/// Every number of a `Figures` as a named integer column: the CSV's columns, the JSON's
/// keys and what the annual report reads, so the three cannot disagree
/// (docs/statistics.md defines each).
package enum StatisticsColumns {
    package typealias Column = (name: String, value: @Sendable (Figures) -> Int?)

    private static func col(_ name: String, _ value: @escaping @Sendable (Figures) -> Int?) -> Column { (name, value) }

    package static let all: [Column] = {
        var columns: [Column] = [
            col("received", { $0.received }),
            col("accepted", { $0.accepted }),
            col("replied", { $0.replied }),
        ]
        for clock in MeasuredClock.allCases {
            columns.append(col("\(clock.rawValue)_on_time", { $0.onTime[clock]?.count ?? 0 }))
            columns.append(col("\(clock.rawValue)_settled", { $0.onTime[clock]?.of ?? 0 }))
        }
        columns += [
            col("days_to_acceptance_median", { percentile(50, of: $0.daysToAcceptance) }),
            col("days_to_acceptance_p90", { percentile(90, of: $0.daysToAcceptance) }),
            col("days_to_reply_median", { percentile(50, of: $0.daysToReply) }),
            col("days_to_reply_p90", { percentile(90, of: $0.daysToReply) }),
            col("repeats", { $0.repeats.count }),
            col("first_contact", { $0.firstContact.count }),
            col("grievance_opinions", { $0.support.of }),
            col("support", { $0.support.count }),
            col("explain", { $0.explain.count }),
            col("not_support", { $0.notSupport.count }),
            col("reviewable_replies", { $0.review.of }),
            col("reviews_asked", { $0.review.count }),
            col("review_replies", { $0.rereview.of }),
            col("rereviews_asked", { $0.rereview.count }),
            col("rated", { $0.satisfaction.of }),
        ]
        for s in Satisfaction.allCases { columns.append(col("rated_\(s.rawValue)", { $0.ratings[s] ?? 0 })) }
        columns += [
            col("transferred", { $0.transferred }),
            col("assigned", { $0.assigned }),
        ]
        for s in Suggestion.allCases {
            columns.append(col("orders_\(s.rawValue)", { $0.orders[s] ?? 0 }))
            columns.append(col("orders_\(s.rawValue)_answered", { $0.ordersAnswered[s] ?? 0 }))
            columns.append(col("orders_\(s.rawValue)_adopted", { $0.ordersAdopted[s] ?? 0 }))
        }
        columns.append(col("breaches", { $0.breaches }))
        return columns
    }()

    /// The CSV of a statistics result: a header, the total, then each group.
    package static func csv(_ stats: Statistics, label: (String) -> String) -> String {
        var rows: [[String]] = [["group", "name"] + all.map(\.name)]
        func row(_ key: String, _ name: String, _ f: Figures) -> [String] {
            [key, name] + all.map { $0.value(f).map(String.init) ?? "" }
        }
        rows.append(row("total", "合计", stats.total))
        for g in stats.groups { rows.append(row(g.key, label(g.key), g.figures)) }
        return CSV.text(rows, bom: true)
    }
}
