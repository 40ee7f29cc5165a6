import Foundation
import PetitionCore
import PetitionStore

/// The repository's own reference data, loaded once for tests.
package enum Fixtures {
    /// The repository root, found from this file's path.
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    package static let dataFolder = root + "/data"

    package static let reference: ReferenceData = {
        do { return try ReferenceData.load(from: dataFolder) } catch {
            preconditionFailure("test data cannot be loaded: \(error)")
        }
    }()

    package static var directory: Directory { reference.directory }
    package static var calendar: HolidayCalendar { reference.calendar }

    package static func day(_ text: String) -> Day {
        guard let d = Day(iso: text) else { preconditionFailure("bad test date \(text)") }
        return d
    }

    package static func instant(_ text: String) -> Instant {
        guard let i = Instant(iso: text) else { preconditionFailure("bad test time \(text)") }
        return i
    }

    // Valid identity numbers for tests (check characters computed per GB 11643 / GB 32100).
    package static let zhangWeiID = "11010519491231002X"
    package static let liNaID = "110102198001011239"
    package static let wangFangID = "440304199006152342"
    package static let companyCode = "91350100M000100Y43"

    package static let trainingHeader = LogHeader(mode: .training, logId: "test", jurisdiction: "D-XFJ",
                                                  createdAt: Instant(millisecondsSince1970: 1_745_769_600_000))

    package static let clerk = Actor(user: "clerk", role: .clerk, organ: "D-XFJ")
    package static let housingHandler = Actor(user: "handler", role: .handler, organ: "D-ZJJ")
    package static let housingHead = Actor(user: "head", role: .organHead, organ: "D-ZJJ")
    package static let cityHousingHandler = Actor(user: "c-handler", role: .handler, organ: "C-ZJJ")
    package static let cityHousingClerk = Actor(user: "c-clerk", role: .clerk, organ: "C-ZJJ")
    package static let cityGovHandler = Actor(user: "g-handler", role: .handler, organ: "C-GOV")
    package static let cityGovClerk = Actor(user: "g-clerk", role: .clerk, organ: "C-GOV")
    package static let supervisor = Actor(user: "sup", role: .supervisor, organ: "D-XFJ")
    /// The city petition bureau's supervisor: the district bureau's own lateness is the city's
    /// to supervise (Art 43; a bureau never orders supervision of itself, decision 0030).
    package static let citySupervisor = Actor(user: "c-sup", role: .supervisor, organ: "C-XFJ")
    package static let trainee = Actor(user: "trainee", role: .trainee, organ: "D-XFJ")

    /// The staff the fixtures' actors are, with names (as a roster gives them).
    package static let staffMembers: [StaffMember] = [
        StaffMember(user: "clerk", name: "窗口登记员", role: .clerk, organ: "D-XFJ"),
        StaffMember(user: "handler", name: "承办人", role: .handler, organ: "D-ZJJ"),
        StaffMember(user: "head", name: "机关负责人", role: .organHead, organ: "D-ZJJ"),
        StaffMember(user: "c-handler", name: "市住建承办人", role: .handler, organ: "C-ZJJ"),
        StaffMember(user: "c-clerk", name: "市住建登记员", role: .clerk, organ: "C-ZJJ"),
        StaffMember(user: "g-handler", name: "市政府承办人", role: .handler, organ: "C-GOV"),
        StaffMember(user: "g-clerk", name: "市政府登记员", role: .clerk, organ: "C-GOV"),
        StaffMember(user: "sup", name: "督办人员", role: .supervisor, organ: "D-XFJ"),
        StaffMember(user: "trainee", name: "学员", role: .trainee, organ: "D-XFJ"),
    ]
    package static let staff = StaffDirectory(staffMembers)

    /// The worked example's group visit about resettlement (REGULATION.md).
    package static func groupVisit(received: String = "2025-04-28", representatives: Int = 2) -> Petition {
        let ids = [zhangWeiID, liNaID, wangFangID, zhangWeiID, liNaID, wangFangID, zhangWeiID]
        let names = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊"]
        let reps = (0..<representatives).map { Petitioner(name: names[$0], idNumber: ids[$0]) }
        return Petition(
            channel: .visit, receivedOn: day(received), organ: "D-XFJ",
            petitioner: Petitioner(name: "张伟", idNumber: zhangWeiID, phone: "13800138000", address: "临江区滨江路1号"),
            request: "要求落实安置补偿", facts: "2024年房屋被征收，安置房至今未交付", reasons: "依据征收补偿协议",
            category: "RESETTLEMENT", type: .grievance, group: Group(people: 12, representatives: reps))
    }

    /// Letters from `count` different people (a name and a phone each, no identity number):
    /// a batch whose registrations flag no earlier case of one another (decision 0017).
    /// `from` numbers the people, so that letters of a later batch come from others again.
    package static func letters(_ count: Int, from first: Int = 0, received: String = "2025-04-28") -> [Petition] {
        (first..<first + count).map { i in
            var p = letter(received: received)
            p.petitioner.idNumber = nil
            p.petitioner.phone = "139\(String(format: "%08d", i))"
            return p
        }
    }

    /// A letter from one citizen.
    package static func letter(received: String = "2025-04-28", type: MatterType = .grievance,
                               organ: OrganCode = "D-XFJ", idNumber: String = liNaID) -> Petition {
        Petition(channel: .letter, receivedOn: day(received), organ: organ,
                 petitioner: Petitioner(name: "李娜", idNumber: idNumber, phone: "13900139000", address: "望湖街道2号"),
                 request: "请求解决拖欠工资", facts: "某公司拖欠工资三个月", reasons: "劳动合同约定",
                 category: "WAGES", type: type)
    }
}
