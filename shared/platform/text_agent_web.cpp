#include <emscripten/emscripten.h>

#include <cstdlib>

#include "text_agent.hpp"

namespace elder {
namespace {

// The input lives in the page (web/index.html: #text-agent); its state is kept on Module.textAgent.
EM_JS(void, agent_show, (float x, float y, float w, float h, const char* text), {
    const input = document.getElementById('text-agent');
    if (!input) return;
    const agent = Module.textAgent || (Module.textAgent = { changed: null, closed: false, composing: false });
    if (!agent.wired) {
        agent.wired = true;
        input.addEventListener('compositionstart', () => { agent.composing = true; });
        input.addEventListener('compositionend', () => { agent.composing = false; agent.changed = input.value; });
        input.addEventListener('input', () => { if (!agent.composing) agent.changed = input.value; });
        // Closed, the input keeps nothing: a kiosk's next visitor must not find the last one's words.
        const close = () => { if (!input.hidden) { input.hidden = true; input.value = ''; agent.closed = true; Module.canvas.focus(); } };
        input.addEventListener('keydown', (e) => {
            e.stopPropagation();  // the app's key handlers must not see typing (Backspace is Back there)
            if (e.key === 'Enter' || e.key === 'Escape') { e.preventDefault(); close(); }
        });
        input.addEventListener('keyup', (e) => e.stopPropagation());
        input.addEventListener('keypress', (e) => e.stopPropagation());
        input.addEventListener('blur', close);
    }
    Object.assign(input.style, { left: x + 'px', top: y + 'px', width: w + 'px', height: h + 'px',
                                 fontSize: Math.max(20, h * 0.4) + 'px' });
    if (input.hidden) {
        input.value = UTF8ToString(text);
        input.hidden = false;
        input.focus();
    }
});

EM_JS(void, agent_hide, (), {
    const input = document.getElementById('text-agent');
    if (input && !input.hidden) { input.hidden = true; input.value = ''; Module.canvas.focus(); }
});

EM_JS(int, agent_active, (), {
    const input = document.getElementById('text-agent');
    return input && !input.hidden ? 1 : 0;
});

// The changed text, or null; in memory the caller frees.
EM_JS(char*, agent_take_text, (), {
    const agent = Module.textAgent;
    if (!agent || agent.changed === null) return 0;
    const text = agent.changed;
    agent.changed = null;
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

EM_JS(int, agent_take_closed, (), {
    const agent = Module.textAgent;
    if (!agent || !agent.closed) return 0;
    agent.closed = false;
    return 1;
});

class WebTextAgent : public TextAgent {
public:
    void show(const Rect& r, const std::string& text) override { agent_show(r.x, r.y, r.w, r.h, text.c_str()); }
    void hide() override { agent_hide(); }
    bool active() const override { return agent_active() != 0; }
    std::optional<std::string> take_text() override {
        char* raw = agent_take_text();
        if (!raw) return std::nullopt;
        std::string text(raw);
        std::free(raw);
        return text;
    }
    bool take_closed() override { return agent_take_closed() != 0; }
};

}  // namespace

std::unique_ptr<TextAgent> make_text_agent() { return std::make_unique<WebTextAgent>(); }

}  // namespace elder
