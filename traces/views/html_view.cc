// RenderHtml: a timeline as one self-contained page (views.h). The C++ side writes the frame
// (title, outcome, controls) and embeds the data; the embedded script (html_assets.cc) draws.
#include "traces/views/html_assets.h"
#include "traces/views/views.h"

namespace traces::views {
namespace {

std::string EscapeHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON that is safe inside <script>: no '<' (so no "</script>" or "<!--"), '>' or '&' outside
// of \u escapes. JSON text has these characters only inside strings, where the escapes mean the
// same to JSON.parse.
std::string JsonForScript(const nlohmann::ordered_json& j) {
  const std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  for (char c : dumped) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* OutcomeClass(const Timeline& tl) {
  if (tl.violation) return "violation";
  return tl.stopped.empty() ? "clean" : "stopped";
}

}  // namespace

std::string RenderHtml(const Timeline& tl) {
  const std::string outcome = EscapeHtml(OutcomeSentence(tl));
  const std::string steps = std::to_string(tl.steps.size());
  const std::string config =
      EscapeHtml(tl.config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>raftcheck replay: " + outcome + "</title>\n";
  out += "<style>" + std::string(kHtmlStyle) + "</style>\n</head>\n";
  out += "<body data-rendered=\"no\">\n<header>\n";
  out += "<h1>raftcheck replay: " + steps + " steps, " + std::to_string(tl.nodes) + " nodes (" +
         EscapeHtml(tl.system) + ")</h1>\n";
  out += "<p class=\"meta\">config " + config + "</p>\n";
  out += "<p id=\"outcome\" class=\"outcome " + std::string(OutcomeClass(tl)) + "\">" + outcome +
         "</p>\n</header>\n";
  out += "<pre id=\"errors\" hidden></pre>\n";
  out += "<noscript><p>The diagram and the step slider need JavaScript.</p></noscript>\n";
  out +=
      "<main>\n<section id=\"diagram-pane\">\n<div class=\"pane-head\"><div class=\"legend\">"
      "<span><i style=\"background:var(--follower)\"></i>follower</span>"
      "<span><i style=\"background:var(--pre-candidate)\"></i>pre-candidate</span>"
      "<span><i style=\"background:var(--candidate)\"></i>candidate</span>"
      "<span><i style=\"background:var(--leader)\"></i>leader</span>"
      "<span><i style=\"background:var(--down)\"></i>down</span>"
      "<span>\xE2\x9C\x95 dropped</span><span>- - 2x duplicated</span></div>"
      "<div id=\"participants\"></div></div>\n<div id=\"diagram\"></div>\n</section>\n";
  out +=
      "<section id=\"state-pane\">\n<div class=\"controls\">"
      "<button id=\"prev\" title=\"previous step (\xE2\x86\x90)\">\xE2\x97\x80</button>"
      "<input type=\"range\" id=\"step\" min=\"0\" max=\"" +
      steps + "\" value=\"" + steps +
      "\" aria-label=\"step\">"
      "<button id=\"next\" title=\"next step (\xE2\x86\x92)\">\xE2\x96\xB6</button>"
      "<span id=\"step-number\"></span></div>\n";
  out += "<p id=\"step-text\"></p>\n<ul id=\"changes\"></ul>\n";
  out += "<p id=\"panel-verdict\" hidden></p>\n<div id=\"nodes\"></div>\n</section>\n</main>\n";
  out += "<script type=\"application/json\" id=\"timeline-data\">" +
         JsonForScript(TimelineToJson(tl)) + "</script>\n";
  out += "<script>" + std::string(kHtmlScript) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace traces::views
