import FieldAgentCLI
import Foundation

exit(ServerTool.main(Array(CommandLine.arguments.dropFirst())))
