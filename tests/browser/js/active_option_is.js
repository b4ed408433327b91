// Returns whether the focused list's highlighted option (aria-activedescendant) is the one named.
//
// Argument: name, the option's text.
(name) => {
    const id = document.activeElement && document.activeElement.getAttribute("aria-activedescendant");
    const option = id && document.getElementById(id);
    return Boolean(option) && option.textContent.trim() === name;
}
