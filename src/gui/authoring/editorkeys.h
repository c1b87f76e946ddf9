#pragma once

#include <QKeySequence>
#include <QList>
#include <QStringList>

class QWidget;
class QsciScintilla;

namespace strata::gui {

// The keys an editor gives up so that no binding of its own shadows a shortcut of the window
// around it. QScintilla binds about a hundred keys (Ctrl+T swaps two lines, Ctrl+U lower-cases
// the selection, ...) and claims each one before any shortcut sees it; Strata's actions come
// first, whatever they are and whenever they were added.
class EditorKeys
{
public:
    // Every first key combination of a shortcut that can fire in `window`: the shortcuts of the
    // actions of the window and of every widget in it (menus and tool bars included), of its
    // QShortcut objects, and its menu bar's mnemonics (Alt+F for &File). Empty sequences are
    // left out; no duplicates.
    static QList<QKeyCombination> windowShortcuts(const QWidget *window);

    // Removes the editor's bindings (primary and alternate) of these keys. Returns what the
    // removed commands did (QScintilla's descriptions), for a test or a log; empty when none was
    // bound.
    static QStringList release(QsciScintilla *editor, const QList<QKeyCombination> &keys);

    // Whether the editor binds the key combination to a command of its own.
    static bool binds(QsciScintilla *editor, QKeyCombination key);
};

} // namespace strata::gui
