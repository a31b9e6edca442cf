#include "properties/linearizable/edn.h"

#include <cctype>
#include <limits>
#include <utility>

namespace raftcheck::linearizable {
namespace {

// Deeper nesting than any history uses is refused before it can exhaust the stack.
constexpr int kMaxDepth = 64;

bool IsSymbolChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("*+!-_?<>=/.'#:$%&|").find(c) != std::string_view::npos;
}

class Parser {
 public:
  Parser(std::string_view text, int line, int column) : text_(text), line_(line), column_(column) {}

  base::Status ReadAll(std::vector<EdnValue>* out) {
    while (true) {
      if (base::Status s = Skip(0); !s.ok()) return s;
      if (AtEnd()) return base::Status::OK();
      EdnValue v;
      if (base::Status s = ReadForm(&v, 0); !s.ok()) return s;
      out->push_back(std::move(v));
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }
  base::Status Error(int line, int column, const std::string& what) const {
    return base::Status::InvalidArgument("line " + std::to_string(line) + ", column " +
                                         std::to_string(column) + ": " + what);
  }
  base::Status Here(const std::string& what) const { return Error(line_, column_, what); }

  // Skips whitespace, commas, comments and #_-discarded forms.
  base::Status Skip(int depth) {
    while (!AtEnd()) {
      const char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        Advance();
      } else if (c == ';') {
        while (!AtEnd() && Peek() != '\n') Advance();
      } else if (c == '#' && Peek(1) == '_') {
        Advance();
        Advance();
        if (base::Status s = Skip(depth); !s.ok()) return s;
        if (AtEnd()) return Here("#_ discards nothing (end of input)");
        EdnValue discarded;
        if (base::Status s = ReadForm(&discarded, depth); !s.ok()) return s;
      } else {
        break;
      }
    }
    return base::Status::OK();
  }

  std::string_view Token() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsSymbolChar(Peek())) Advance();
    return text_.substr(start, pos_ - start);
  }

  base::Status ReadForm(EdnValue* v, int depth) {
    if (depth > kMaxDepth) return Here("nested deeper than " + std::to_string(kMaxDepth));
    v->line = line_;
    v->column = column_;
    const char c = Peek();
    switch (c) {
      case '[':
        v->kind = EdnValue::Kind::kVector;
        return ReadSequence(v, ']', depth);
      case '(':
        v->kind = EdnValue::Kind::kList;
        return ReadSequence(v, ')', depth);
      case '{':
        v->kind = EdnValue::Kind::kMap;
        return ReadMap(v, depth);
      case ']':
      case ')':
      case '}':
        return Here(std::string("unbalanced '") + c + "'");
      case '"':
        return ReadString(v);
      case ':':
        return ReadKeyword(v);
      case '#':
        return ReadTagged(v, depth);
      case '\\':
        return Here("character literals are not supported");
      default:
        break;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        ((c == '-' || c == '+') && std::isdigit(static_cast<unsigned char>(Peek(1))))) {
      return ReadNumber(v);
    }
    if (!IsSymbolChar(c)) return Here(std::string("unexpected character '") + c + "'");
    const std::string_view word = Token();
    if (word == "nil") {
      v->kind = EdnValue::Kind::kNil;
    } else if (word == "true" || word == "false") {
      v->kind = EdnValue::Kind::kBool;
      v->boolean = word == "true";
    } else {
      return Error(v->line, v->column,
                   "unexpected symbol " + std::string(word) +
                       " (expected a keyword, number, string or nil)");
    }
    return base::Status::OK();
  }

  base::Status ReadSequence(EdnValue* v, char close, int depth) {
    Advance();  // the opening bracket
    while (true) {
      if (base::Status s = Skip(depth + 1); !s.ok()) return s;
      if (AtEnd()) {
        return Error(
            v->line, v->column,
            std::string("unbalanced: this '") + (close == ']' ? '[' : '(') + "' is never closed");
      }
      if (Peek() == close) {
        Advance();
        return base::Status::OK();
      }
      EdnValue item;
      if (base::Status s = ReadForm(&item, depth + 1); !s.ok()) return s;
      v->items.push_back(std::move(item));
    }
  }

  base::Status ReadMap(EdnValue* v, int depth) {
    Advance();
    while (true) {
      if (base::Status s = Skip(depth + 1); !s.ok()) return s;
      if (AtEnd()) return Error(v->line, v->column, "unbalanced: this '{' is never closed");
      if (Peek() == '}') {
        Advance();
        if (v->items.size() % 2 != 0) {
          return Error(v->line, v->column, "a map needs a value for every key");
        }
        return base::Status::OK();
      }
      EdnValue item;
      if (base::Status s = ReadForm(&item, depth + 1); !s.ok()) return s;
      if (v->items.size() % 2 == 0 && item.kind == EdnValue::Kind::kKeyword &&
          v->Find(item.text) != nullptr) {
        return Error(item.line, item.column, "duplicate key :" + item.text);
      }
      v->items.push_back(std::move(item));
    }
  }

  base::Status ReadString(EdnValue* v) {
    v->kind = EdnValue::Kind::kString;
    Advance();
    while (true) {
      if (AtEnd()) return Error(v->line, v->column, "unterminated string");
      const char c = Peek();
      if (c == '"') {
        Advance();
        return base::Status::OK();
      }
      if (c == '\\') {
        Advance();
        const char e = Peek();
        const std::string_view kEscapes = "\"\\ntr";
        const std::size_t k = AtEnd() ? std::string_view::npos : kEscapes.find(e);
        if (k == std::string_view::npos) return Here("unsupported escape in a string");
        v->text += std::string_view("\"\\\n\t\r")[k];
      } else {
        v->text += c;
      }
      Advance();
    }
  }

  base::Status ReadKeyword(EdnValue* v) {
    v->kind = EdnValue::Kind::kKeyword;
    Advance();
    v->text = std::string(Token());
    if (v->text.empty()) return Error(v->line, v->column, "a ':' without a keyword name");
    return base::Status::OK();
  }

  base::Status ReadNumber(EdnValue* v) {
    v->kind = EdnValue::Kind::kInteger;
    const std::string_view word = Token();
    std::size_t i = 0;
    const bool negative = word[0] == '-';
    if (word[0] == '-' || word[0] == '+') i = 1;
    // Accumulate as a negative number so that INT64_MIN fits.
    std::int64_t n = 0;
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    for (; i < word.size() && std::isdigit(static_cast<unsigned char>(word[i])); ++i) {
      const int d = word[i] - '0';
      if (n < (kMin + d) / 10) return Error(v->line, v->column, "integer out of 64-bit range");
      n = n * 10 - d;
    }
    if (i < word.size() && word[i] == 'N' && i + 1 == word.size()) ++i;  // 12N: a bigint
    if (i != word.size()) {
      return Error(v->line, v->column,
                   "\"" + std::string(word) + "\" is not an integer (only integers are supported)");
    }
    if (!negative && n == kMin) return Error(v->line, v->column, "integer out of 64-bit range");
    v->integer = negative ? n : -n;
    return base::Status::OK();
  }

  base::Status ReadTagged(EdnValue* v, int depth) {
    Advance();  // '#'
    if (Peek() == '{') return Here("sets are not supported");
    if (!std::isalpha(static_cast<unsigned char>(Peek()))) {
      return Here("unsupported '#' dispatch");
    }
    Token();  // the tag, e.g. jepsen.history.Op: the form it tags is what counts
    if (base::Status s = Skip(depth); !s.ok()) return s;
    if (AtEnd()) return Here("a tag without a form");
    return ReadForm(v, depth + 1);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_;
  int column_;
};

void Print(const EdnValue& v, std::string* out) {
  switch (v.kind) {
    case EdnValue::Kind::kNil:
      *out += "nil";
      return;
    case EdnValue::Kind::kBool:
      *out += v.boolean ? "true" : "false";
      return;
    case EdnValue::Kind::kInteger:
      *out += std::to_string(v.integer);
      return;
    case EdnValue::Kind::kString:
      *out += "\"" + v.text + "\"";
      return;
    case EdnValue::Kind::kKeyword:
      *out += ":" + v.text;
      return;
    case EdnValue::Kind::kVector:
    case EdnValue::Kind::kList:
    case EdnValue::Kind::kMap: {
      const bool map = v.kind == EdnValue::Kind::kMap;
      *out += map ? "{" : v.kind == EdnValue::Kind::kVector ? "[" : "(";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) *out += map && i % 2 == 0 ? ", " : " ";
        Print(v.items[i], out);
      }
      *out += map ? "}" : v.kind == EdnValue::Kind::kVector ? "]" : ")";
      return;
    }
  }
}

}  // namespace

const EdnValue* EdnValue::Find(std::string_view name) const {
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].IsKeyword(name)) return &items[i + 1];
  }
  return nullptr;
}

std::string EdnValue::Where() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
}

const char* EdnKindName(EdnValue::Kind kind) {
  switch (kind) {
    case EdnValue::Kind::kNil:
      return "nil";
    case EdnValue::Kind::kBool:
      return "boolean";
    case EdnValue::Kind::kInteger:
      return "integer";
    case EdnValue::Kind::kString:
      return "string";
    case EdnValue::Kind::kKeyword:
      return "keyword";
    case EdnValue::Kind::kVector:
      return "vector";
    case EdnValue::Kind::kList:
      return "list";
    case EdnValue::Kind::kMap:
      return "map";
  }
  return "?";
}

std::string EdnToString(const EdnValue& value, std::size_t max_chars) {
  std::string s;
  Print(value, &s);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "...";
  return s;
}

base::Result<std::vector<EdnValue>> ReadEdn(std::string_view text, int first_line,
                                            int first_column) {
  std::vector<EdnValue> forms;
  Parser parser(text, first_line, first_column);
  if (base::Status s = parser.ReadAll(&forms); !s.ok()) return s;
  return forms;
}

}  // namespace raftcheck::linearizable
