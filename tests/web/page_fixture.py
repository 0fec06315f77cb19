"""An article page of our own writing, with the boilerplate real pages carry."""

PAGE = """<!doctype html><html><head><title>Quay wall repaired | Harbour Gazette</title>
<meta name="author" content="Ines Varga"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article><h1>Quay wall repaired before the winter storms</h1>
<p>The Port Ellery harbour board finished repairing the old quay wall on Friday, two weeks
ahead of the first winter storms, the board said.</p>
<p>&#8220;We owe the fishing fleet a wall that holds,&#8221; said Mara Quint, the harbour
master, adding that the work had cost less than planned.</p>
<p>The board published <a href="https://example.org/minutes">the minutes of the meeting</a>
and a <a href="https://example.org/plan">plan for the next repairs</a>.</p>
<p>Divers will inspect the north breakwater in January, according to the Ellery Heritage
Trust, which pays for part of the work.</p>
</article>
<aside class="related"><h2>Related</h2><a href="/a">Another story</a></aside>
<div class="newsletter">Sign up for our newsletter</div>
</body></html>"""
