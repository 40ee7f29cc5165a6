/// One year's State Council notice on public holidays, as transcribed in `data/holidays/YYYY.json`.
///
/// `holidays` are the days off the notice lists (放假), weekend days included;
/// `workdays` are the make-up working days (调休上班) that fall on weekends.
package struct HolidayNotice: Codable, Sendable, Equatable {
    package struct Source: Codable, Sendable, Equatable {
        package var title: String
        package var number: String
        package var issued: Day
    }

    package struct Period: Codable, Sendable, Equatable {
        package var name: String
        package var nameEn: String
        package var from: Day
        package var to: Day
    }

    package var year: Int
    package var notice: Source
    package var holidays: [Period]
    package var workdays: [Day]
}
