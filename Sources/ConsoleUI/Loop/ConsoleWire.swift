import PetitionCore

/// What a shared console's client and the console service say to each other over the
/// service's socket (decision 0033): the client sends who it is and how it wants to be
/// shown (`hello`), its terminal's size and its keys; the service runs the console's one
/// run loop for it and sends each frame drawn, and at the end why it ended.
///
/// Pure: bytes in, messages out. Every length is bounded and every value checked, so a
/// program that is not xinfang, writing to the socket, ends its own session and no other.
package enum ConsoleMessage: Equatable, Sendable {
    /// First, from the client.
    case hello(ConsoleHello)
    /// From the service: the user is known and may open the log; the terminal may start.
    case ready
    /// From the client: its terminal's rows and columns, once at the start and after a resize.
    case size(rows: Int, columns: Int)
    /// From the client: a key (or a paste) as its terminal read it.
    case key(Key)
    /// From the service: a frame to draw.
    case frame(CellGrid)
    /// From the service: the session is over; lines for the client to print (on standard
    /// error, after restoring the terminal) and the exit status to end with.
    case bye([String], status: Int32)
}

/// What a client says of itself when it connects. Who it is comes from the socket (the
/// peer's user id), never from here: `user` is a training log's `--as`, and `environmentUser`
/// and `environmentLogname` are only compared with the account on a production log, as a
/// console in a process of its own does.
package struct ConsoleHello: Equatable, Sendable {
    /// The wire's version; a service refuses a client of another.
    package var version: Int
    package var language: Language
    /// `--training` (or `XINFANG_TRAINING=1`): the log must be a training log.
    package var training: Bool
    /// `--as`: on a training log, the roster's user to play.
    package var user: String?
    package var environmentUser: String?
    package var environmentLogname: String?
    /// Plain ASCII charts (`--ascii`, or a terminal that draws no block characters).
    package var ascii: Bool
    /// The `USER` a console of its own would take a training log's trainee from (none where
    /// it ignores the environment, running set-group-id).
    package var trainee: String?
    /// The log the console means: its file's device and inode. A service of another file at
    /// the same socket (`foo` and `foo.log` share `foo.console`) refuses it.
    package var device: UInt64
    package var inode: UInt64

    package init(version: Int = ConsoleWire.version, language: Language, training: Bool, user: String?,
                 environmentUser: String?, environmentLogname: String?, ascii: Bool, trainee: String?,
                 device: UInt64, inode: UInt64) {
        (self.version, self.language, self.training, self.user) = (version, language, training, user)
        (self.environmentUser, self.environmentLogname, self.ascii) = (environmentUser, environmentLogname, ascii)
        (self.trainee, self.device, self.inode) = (trainee, device, inode)
    }
}

/// A message that could not be read: the session ends.
package struct ConsoleWireError: Error, Equatable, Sendable {
    package var reason: String

    package init(reason: String) { self.reason = reason }
}

/// The byte form: each message is its kind (one byte), its length (four bytes, little
/// endian) and that many bytes. Strings are a length and UTF-8.
package enum ConsoleWire {
    package static let version = 1
    /// A goodbye's status when the service has no room for another session (`EX_TEMPFAIL`):
    /// the console then opens the log itself.
    package static let full: Int32 = 75
    /// A goodbye's status when the service serves another file than the console's log
    /// (`foo` and `foo.log` share `foo.console`): the console opens its log itself.
    package static let otherLog: Int32 = 76
    /// No message is longer: the largest frame (`maximumRows` × `maximumColumns` cells of at
    /// most 26 bytes: a style, a width, a length and five scalars) is 2.5 MiB, and a paste is
    /// cut to `maximumPaste` first.
    package static let maximumLength = 4 << 20
    /// The largest terminal a session is drawn for: a larger one is drawn in its top left.
    package static let maximumRows = 200
    package static let maximumColumns = 500
    /// The most of a paste sent (UTF-8 bytes): far more than any field takes (8,000
    /// characters at most, `InputText`), and little enough to edit at once.
    package static let maximumPaste = 64 << 10

    /// A terminal's size as a session is drawn for it.
    package static func bounded(rows: Int, columns: Int) -> (rows: Int, columns: Int) {
        (min(max(rows, 1), maximumRows), min(max(columns, 1), maximumColumns))
    }

    /// A paste as sent: cut, at a character, to `maximumPaste` bytes.
    package static func bounded(paste text: String) -> String {
        guard text.utf8.count > maximumPaste else { return text }
        var cut = "", bytes = 0
        for c in text {
            bytes += c.utf8.count
            guard bytes <= maximumPaste else { break }
            cut.append(c)
        }
        return cut
    }

    private enum Kind: UInt8 {
        case hello = 1, ready, size, key, frame, bye
    }

    package static func encode(_ message: ConsoleMessage) -> [UInt8] {
        var body = Writer()
        let kind: Kind
        switch message {
        case .hello(let hello):
            kind = .hello
            body.int(hello.version)
            body.string(hello.language.rawValue)
            body.byte(hello.training ? 1 : 0)
            body.byte(hello.ascii ? 1 : 0)
            for text in [hello.user, hello.environmentUser, hello.environmentLogname, hello.trainee] { body.optional(text) }
            body.long(hello.device)
            body.long(hello.inode)
        case .ready:
            kind = .ready
        case .size(let rows, let columns):
            kind = .size
            body.int(rows)
            body.int(columns)
        case .key(let key):
            kind = .key
            body.key(key)
        case .frame(let grid):
            kind = .frame
            body.int(grid.rows)
            body.int(grid.columns)
            body.int(grid.cursor.map { $0.row + 1 } ?? 0)
            body.int(grid.cursor?.column ?? 0)
            for cell in grid.cells {
                body.byte(StyleRole.allCases.firstIndex(of: cell.style).map(UInt8.init) ?? 0)
                body.byte(UInt8(clamping: cell.width))
                // As the terminal draws it (`Terminal.draw`): its first five scalars.
                var drawn = String.UnicodeScalarView()
                drawn.append(contentsOf: cell.grapheme.unicodeScalars.prefix(5))
                body.string(String(drawn))
            }
        case .bye(let lines, let status):
            kind = .bye
            body.int(Int(status))
            body.int(lines.count)
            for line in lines { body.string(line) }
        }
        var bytes = [kind.rawValue]
        bytes.reserveCapacity(5 + body.bytes.count)
        withUnsafeBytes(of: UInt32(body.bytes.count).littleEndian) { bytes += $0 }
        return bytes + body.bytes
    }

    /// Takes bytes as they arrive and gives back whole messages.
    package struct Reader: Sendable {
        private var buffer: [UInt8] = []
        private var start = 0

        package init() {}

        package mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            // What was read is dropped before more comes, so a stream that always ends in part
            // of a message keeps no more than that part.
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            buffer += bytes
        }

        /// The next whole message, or nil until more bytes come.
        package mutating func next() throws(ConsoleWireError) -> ConsoleMessage? {
            guard buffer.count - start >= 5 else { return nil }
            let length = Int(buffer[start + 1]) | Int(buffer[start + 2]) << 8 | Int(buffer[start + 3]) << 16
                | Int(buffer[start + 4]) << 24
            guard length <= ConsoleWire.maximumLength else { throw ConsoleWireError(reason: "message of \(length) bytes") }
            guard buffer.count - start >= 5 + length else { return nil }
            guard let kind = Kind(rawValue: buffer[start]) else { throw ConsoleWireError(reason: "kind \(buffer[start])") }
            var body = Parser(bytes: buffer[(start + 5)..<(start + 5 + length)])
            start += 5 + length
            if start == buffer.count {
                buffer.removeAll(keepingCapacity: buffer.count < 1 << 16)
                start = 0
            }
            let message = try body.message(kind)
            guard body.atEnd else { throw ConsoleWireError(reason: "bytes after a message") }
            return message
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }
        mutating func int(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes += $0 } }
        mutating func long(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        mutating func string(_ text: String) {
            int(text.utf8.count)
            bytes += text.utf8
        }
        mutating func optional(_ text: String?) {
            byte(text == nil ? 0 : 1)
            if let text { string(text) }
        }
        mutating func key(_ key: Key) {
            switch key {
            case .character(let c):
                byte(0)
                string(String(c))
            case .paste(let text):
                byte(1)
                string(text)
            case .function(let n):
                byte(2)
                int(n)
            default:
                byte(3)
                byte(UInt8(Self.plainKeys.firstIndex(of: key) ?? 0))
            }
        }
        static let plainKeys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape,
                                       .backspace, .delete, .tab, .backTab, .resize, .tick]
    }

    private struct Parser {
        var bytes: ArraySlice<UInt8>
        var atEnd: Bool { bytes.isEmpty }

        mutating func byte() throws(ConsoleWireError) -> UInt8 {
            guard let b = bytes.popFirst() else { throw ConsoleWireError(reason: "message cut short") }
            return b
        }
        mutating func int() throws(ConsoleWireError) -> Int {
            var value = 0
            for shift in stride(from: 0, through: 24, by: 8) { value |= Int(try byte()) << shift }
            return value
        }
        mutating func long() throws(ConsoleWireError) -> UInt64 {
            var value: UInt64 = 0
            for shift in stride(from: 0, through: 56, by: 8) { value |= UInt64(try byte()) << UInt64(shift) }
            return value
        }
        mutating func string() throws(ConsoleWireError) -> String {
            let count = try int()
            guard count <= bytes.count else { throw ConsoleWireError(reason: "message cut short") }
            let utf8 = bytes.prefix(count)
            bytes = bytes.dropFirst(count)
            guard let text = String(validating: utf8, as: UTF8.self) else { throw ConsoleWireError(reason: "text not UTF-8") }
            return text
        }
        mutating func optional() throws(ConsoleWireError) -> String? {
            switch try byte() {
            case 0: return nil
            case 1: return try string()
            case let b: throw ConsoleWireError(reason: "optional marked \(b)")
            }
        }
        mutating func flag() throws(ConsoleWireError) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            case let b: throw ConsoleWireError(reason: "flag \(b)")
            }
        }
        mutating func side(_ maximum: Int) throws(ConsoleWireError) -> Int {
            let n = try int()
            guard (1...maximum).contains(n) else { throw ConsoleWireError(reason: "size \(n)") }
            return n
        }
        mutating func character() throws(ConsoleWireError) -> Character {
            let text = try string()
            guard text.count == 1, let c = text.first else { throw ConsoleWireError(reason: "not one character") }
            return c
        }

        mutating func message(_ kind: Kind) throws(ConsoleWireError) -> ConsoleMessage {
            switch kind {
            case .hello:
                let version = try int()
                guard let language = Language(rawValue: try string()) else { throw ConsoleWireError(reason: "language") }
                let training = try flag(), ascii = try flag()
                let user = try optional(), environmentUser = try optional(), environmentLogname = try optional()
                let trainee = try optional()
                let device = try long(), inode = try long()
                return .hello(ConsoleHello(version: version, language: language, training: training, user: user,
                                           environmentUser: environmentUser, environmentLogname: environmentLogname,
                                           ascii: ascii, trainee: trainee, device: device, inode: inode))
            case .ready:
                return .ready
            case .size:
                return .size(rows: try side(ConsoleWire.maximumRows), columns: try side(ConsoleWire.maximumColumns))
            case .key:
                switch try byte() {
                case 0: return .key(.character(try character()))
                case 1:
                    let text = try string()
                    guard text.utf8.count <= ConsoleWire.maximumPaste else { throw ConsoleWireError(reason: "paste") }
                    return .key(.paste(text))
                case 2:
                    let n = try int()
                    guard (1...24).contains(n) else { throw ConsoleWireError(reason: "function key \(n)") }
                    return .key(.function(n))
                case 3:
                    let i = Int(try byte())
                    guard i < Writer.plainKeys.count else { throw ConsoleWireError(reason: "key \(i)") }
                    return .key(Writer.plainKeys[i])
                case let b: throw ConsoleWireError(reason: "key kind \(b)")
                }
            case .frame:
                let rows = try side(ConsoleWire.maximumRows), columns = try side(ConsoleWire.maximumColumns)
                let cursorRow = try int(), cursorColumn = try int()
                var cells: [Cell] = []
                cells.reserveCapacity(rows * columns)
                for _ in 0..<(rows * columns) {
                    let style = Int(try byte())
                    guard style < StyleRole.allCases.count else { throw ConsoleWireError(reason: "style \(style)") }
                    let width = Int(try byte())
                    guard width <= 2 else { throw ConsoleWireError(reason: "cell width \(width)") }
                    // A cell's scalars cut at five may read as more than one character: the first is drawn.
                    guard let grapheme = try string().first else { throw ConsoleWireError(reason: "empty cell") }
                    cells.append(Cell(grapheme: grapheme, width: width, style: StyleRole.allCases[style]))
                }
                var grid = CellGrid(rows: rows, columns: columns, cells: cells)
                if cursorRow > 0 {
                    guard cursorRow <= rows, cursorColumn < columns else { throw ConsoleWireError(reason: "cursor") }
                    grid.cursor = .init(row: cursorRow - 1, column: cursorColumn)
                }
                return .frame(grid)
            case .bye:
                let status = try int()
                let count = try int()
                guard count <= 64 else { throw ConsoleWireError(reason: "\(count) lines") }
                var lines: [String] = []
                for _ in 0..<count { lines.append(try string()) }
                return .bye(lines, status: Int32(truncatingIfNeeded: status))
            }
        }
    }
}
