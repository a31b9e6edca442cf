// The stylesheet and script that RenderHtml (html_view.cc) embeds in every page. The script
// reads the timeline from <script type="application/json" id="timeline-data"> (the document
// of TimelineToJson), draws the sequence diagram as SVG into #diagram, fills the state panel
// for the step the #step slider selects, and sets data-rendered on <body> ("ok", or "error"
// with the message in #errors).
#ifndef RAFTCHECK_TRACES_VIEWS_HTML_ASSETS_H_
#define RAFTCHECK_TRACES_VIEWS_HTML_ASSETS_H_

namespace traces::views {

extern const char kHtmlStyle[];
extern const char kHtmlScript[];

}  // namespace traces::views

#endif  // RAFTCHECK_TRACES_VIEWS_HTML_ASSETS_H_
