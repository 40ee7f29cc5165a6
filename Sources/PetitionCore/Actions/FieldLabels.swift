/// The names of input fields as a clerk reads them.
package enum FieldLabels {
    /// The label of a field path such as `group.representatives[2].idNumber`.
    package static func label(_ path: String, _ language: Language) -> String {
        var parts: [String] = []
        for component in path.split(separator: ".") {
            var name = String(component)
            var index: String?
            if let open = name.firstIndex(of: "["), let close = name.firstIndex(of: "]") {
                index = String(name[name.index(after: open)..<close])
                name = String(name[..<open])
            }
            var label = labels[name]?.text(language) ?? name
            if let index { label = language == .zh ? "第\(index)位\(label)" : "\(label) #\(index)" }
            parts.append(label)
        }
        return parts.joined(separator: language == .zh ? "的" : " ")
    }

    static let labels: [String: Localized] = [
        "channel": Localized("信访渠道", "channel"),
        "receivedAt": Localized("收到日期", "date received"),
        "clock": Localized("模拟时钟", "simulated clock"),
        "organ": Localized("登记机关", "organ"),
        "petitioner": Localized("信访人", "petitioner"),
        "kind": Localized("类别", "kind"),
        "name": Localized("姓名（名称）", "name"),
        "idNumber": Localized("证件号码", "ID number"),
        "phone": Localized("联系电话", "phone"),
        "address": Localized("住址", "address"),
        "request": Localized("信访请求", "request"),
        "facts": Localized("事实", "facts"),
        "reasons": Localized("理由", "reasons"),
        "category": Localized("问题类别", "category"),
        "type": Localized("信访事项类型", "matter type"),
        "group": Localized("集体访", "group visit"),
        "people": Localized("人数", "number of people"),
        "representatives": Localized("代表", "representative"),
        "accusedOrgan": Localized("被检举控告单位", "accused organ"),
        "accusedPerson.name": Localized("被检举控告人姓名", "accused person's name"),
        "accusedPerson.organ": Localized("被检举控告人所在单位", "accused person's organ"),
        "to": Localized("去向机关", "destination"),
        "days": Localized("天数", "days"),
        "on": Localized("日期", "date"),
        "route": Localized("办理途径和程序", "route and procedure"),
        "reason": Localized("理由", "reason"),
        "note": Localized("说明", "note"),
        "memberOrgan": Localized("人员所在机关", "member's organ"),
        "account": Localized("账户", "account"),
        "proposal": Localized("处理建议", "proposed course"),
        "ref": Localized("关联案件编号", "related case number"),
        "track": Localized("法定途径", "track"),
        "user": Localized("承办人", "handler"),
        "recusal-checked": Localized("回避审查", "recusal check"),
        "text": Localized("协议内容", "agreement text"),
        "outcome": Localized("处理结果", "outcome"),
        "opinion": Localized("处理意见", "opinion"),
        "basis": Localized("法律政策依据", "legal basis"),
        "measures": Localized("三到位一处理情况", "measures taken"),
        "order": Localized("督办单序号", "order number"),
        "adopted": Localized("是否采纳", "adopted"),
        "adoption": Localized("采纳情况", "adoption"),
        "target": Localized("对象（领导班子或领导干部）", "target (leadership team or leader)"),
        "leader": Localized("领导姓名职务", "leader's name, post"),
        "cases": Localized("所涉案件编号", "cases behind it"),
        "suggestion": Localized("督办建议", "suggestion"),
        "field": Localized("更正项目", "field"),
        "value": Localized("更正后内容", "new value"),
        "seq": Localized("记录序号", "record number"),
        "upheld": Localized("是否同意异议", "objection upheld"),
    ]
}
