#include "text_agent.hpp"

namespace elder {
namespace {

// Set-top boxes have a remote, not a keyboard: search by initials serves them instead.
class NoTextAgent : public TextAgent {
public:
    void show(const Rect&, const std::string&) override {}
    void hide() override {}
    bool active() const override { return false; }
    std::optional<std::string> take_text() override { return std::nullopt; }
    bool take_closed() override { return false; }
};

}  // namespace

std::unique_ptr<TextAgent> make_text_agent() { return std::make_unique<NoTextAgent>(); }

}  // namespace elder
