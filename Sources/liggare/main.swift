#if canImport(Glibc)
import Glibc
#endif
import LiggareCLI

// Wires the process to the CLI library: arguments, environment, streams and the system clock.
signal(SIGPIPE, SIG_IGN)
var environment: [String: String] = [:]
var index = 0
while let entry = environ[index] {
    let text = String(cString: entry)
    if let eq = text.firstIndex(of: "=") {
        environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
    }
    index += 1
}
var cwd = [UInt8](repeating: 0, count: 4096)
let directory = cwd.withUnsafeMutableBufferPointer { buffer -> String in
    buffer.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) } != nil
        ? String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self) : "."
}
var context = CommandContext(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment,
                             currentDirectory: directory, stdin: FileDescriptorInput(fd: 0),
                             stdout: FileDescriptorSink(fd: 1), stderr: FileDescriptorSink(fd: 2))
context.userNameLookup = {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    return String(cString: name)
}
exit(Liggare.run(context))
