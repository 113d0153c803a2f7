// Wrapping and clang-format for generated code; see layout.hpp.
#include "codegen/layout.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace quarry::detail::codegen {

namespace {

// `arg` broken before each chained call (".references(", ".on_delete("),
// continuation lines at `indent` + 4, as clang-format breaks a long chain.
std::string broken_chain(std::string_view arg, std::size_t indent) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < arg.size(); ++i) {
    char c = arg[i];
    if (c == '"' && (i == 0 || arg[i - 1] != '\\')) in_string = !in_string;
    if (!in_string) {
      if (c == '(' || c == '{') ++depth;
      if (c == ')' || c == '}') --depth;
      if (c == '.' && depth == 0 && i > 0 && arg[i - 1] == ')') {
        out += '\n';
        out += std::string(indent + 4, ' ');
      }
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string wrap_call(std::string_view head, const std::vector<std::string>& args,
                      std::string_view tail) {
  std::string out(head);
  std::size_t column = head.size();
  const std::string indent(head.size(), ' ');
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool last = i + 1 == args.size();
    // The argument, its separator (or the tail) must fit on the line.
    std::size_t needed = args[i].size() + (last ? tail.size() : 1);
    if (i > 0) {
      if (column + 1 + needed <= line_width) {
        out += ' ';
        ++column;
      } else {
        out += '\n';
        out += indent;
        column = indent.size();
      }
    }
    if (column + needed > line_width && args[i].find(").") != std::string::npos &&
        args[i].find('\n') == std::string::npos) {
      std::string chain = broken_chain(args[i], column);
      out += chain;
      column = chain.size() - chain.rfind('\n') - 1;
    } else {
      out += args[i];
      column += args[i].size();
    }
    if (!last) {
      out += ',';
      ++column;
    }
  }
  out += tail;
  return out;
}

std::string comment_lines(std::string_view prefix, std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    // Greedy word wrap; a word longer than the line stays whole.
    std::string current(prefix);
    bool empty = true;
    std::size_t pos = 0;
    while (pos < line.size()) {
      std::size_t space = line.find(' ', pos);
      if (space == std::string_view::npos) space = line.size();
      std::string_view word = line.substr(pos, space - pos);
      pos = space + 1;
      if (word.empty()) continue;
      if (!empty && current.size() + 1 + word.size() > line_width) {
        out += current + '\n';
        current = std::string(prefix);
        empty = true;
      }
      if (!empty) current += ' ';
      current += word;
      empty = false;
    }
    while (!current.empty() && current.back() == ' ') current.pop_back();
    out += current + '\n';
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

namespace {

std::string find_on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string_view dirs(path);
  while (!dirs.empty()) {
    std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + std::string(program);
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

}  // namespace

std::optional<std::string> run_clang_format(const std::string& source) {
  std::string program = find_on_path("clang-format");
  if (program.empty()) return std::nullopt;
  char input_path[] = "/tmp/quarry-codegen-XXXXXX";
  int fd = ::mkstemp(input_path);
  if (fd < 0) return std::nullopt;
  ::close(fd);
  {
    std::ofstream input(input_path, std::ios::binary);
    input << source;
  }
  // The style is spelled out, so the result does not depend on a
  // .clang-format found near the temporary file.
  std::string command =
      "'" + program +
      "' --assume-filename=models.hpp "
      "--style='{BasedOnStyle: Google, Standard: c++20, ColumnLimit: 100, "
      "PointerAlignment: Left, DerivePointerAlignment: false, IncludeBlocks: Preserve}' < '" +
      input_path + "' 2>/dev/null";
  std::string output;
  int status = -1;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    status = ::pclose(pipe);
  }
  std::remove(input_path);
  if (status != 0 || output.empty()) return std::nullopt;
  return output;
}

}  // namespace quarry::detail::codegen
