import FieldAgentServerCLI
import Foundation

exit(ServerTool.main(Array(CommandLine.arguments.dropFirst())))
