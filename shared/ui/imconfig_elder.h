#pragma once
// The project's Dear ImGui configuration (IMGUI_USER_CONFIG), the same for every target.

// Smaller binaries: the demo window and the debug tools are never shown to residents.
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
// Keep the API clean of names that later versions remove.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
// No default ProggyClean font: every glyph comes from the project's CJK font.
#define IMGUI_DISABLE_DEFAULT_FONT
// Characters beyond U+FFFF: 196 of the 8,105 in the 通用规范汉字表 (Extension B and later) live
// there, and names use them. With 16-bit ImWchar, ImGui decodes them as U+FFFD.
#define IMGUI_USE_WCHAR32
