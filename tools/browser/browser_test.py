#!/usr/bin/env python3
"""Acceptance test of the browser pages in a real browser: headless Chromium driven by Selenium, with
JavaScript switched off (the pages must work without it).

Signs up, logs in, uploads a picture through the form, finds the expected label on the detail page, edits
the title, confirms the model's label as its own in one click (and sees the agreement on the labels page), deletes the image (with its confirmation step), uploads two pictures at once, adds them to the favourites and takes them out again as a selection, and deletes them as a selection from the gallery, ends an API session from the account page's list
of sessions, puts two pictures into an album, chooses its cover, uploads a third into it from the album page and shares it (the link shows both, then stops working), finds a picture by a file at hand (the same file is found, nothing stored), makes a read-only API key there (the password change revokes it), changes the password (a wrong current one first), logs out and back in with the new password. Checks on the way that the browser
reported no Content-Security-Policy violation and that pages fit a phone-width window. Saves screenshots
of the gallery, the detail page and the account page's list of sessions. Downloads the archive of every
picture from the account page and finds the uploaded picture in it, byte for byte, with its title and label.

Usage: browser_test.py --base-url URL --image PATH --expect-label LABEL --screenshots DIR
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("MLP_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MLP_CHROMEDRIVER", "/usr/bin/chromedriver")



def page_replaced(old_page) -> bool:
    """True once the old document is gone. Chromium reports a node of a replaced document either as a stale
    element or, while the navigation is still settling, as "does not belong to the document": both mean gone."""
    try:
        old_page.is_enabled()
        return False
    except WebDriverException:
        return True

class Failure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def jpeg_taken(source: str, when: str, directory: str) -> str:
    """A JPEG of `source` whose Exif says it was taken `when` ("YYYY:MM:DD HH:MM:SS"), as a camera writes it."""
    from PIL import Image
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when  # DateTimeOriginal, in the Exif IFD
    path = os.path.join(directory, "taken.jpg")
    Image.open(source).convert("RGB").save(path, "JPEG", quality=90, exif=exif)
    return path


class Browser:
    def __init__(self, base_url: str) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1200,900", "--force-device-scale-factor=1", "--lang=en-GB"):
            options.add_argument(argument)
        self.downloads = tempfile.mkdtemp(prefix="mlp-browser-downloads-")
        options.add_experimental_option("prefs", {
            "profile.managed_default_content_settings.javascript": 2,
            "download.default_directory": self.downloads,
            "download.prompt_for_download": False,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self.base_url = base_url.rstrip("/")
        self.steps = 0

    def step(self, text: str) -> None:
        self.steps += 1
        print(f"browser: {self.steps:2d}. {text}", flush=True)

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        url = self.driver.current_url
        return url[len(self.base_url):] if url.startswith(self.base_url) else url

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, field_id: str, value: str) -> None:
        element = self.driver.find_element(By.ID, field_id)
        element.clear()
        element.send_keys(value)

    def submit(self, form_selector: str) -> None:
        """Clicks the form's submit button and waits until the next page has replaced this one."""
        old_page = self.driver.find_element(By.TAG_NAME, "html")
        form = self.driver.find_element(By.CSS_SELECTOR, form_selector)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(self.driver, 60).until(lambda _: page_replaced(old_page))

    def expect_text(self, text: str) -> None:
        check(text in self.text(), f"expected {text!r} on {self.path}, page says:\n{self.text()[:800]}")

    def expect_path(self, prefix: str) -> None:
        check(self.path.startswith(prefix), f"expected to be on {prefix}, am on {self.path}")

    def csp_violations(self) -> list[str]:
        try:
            logs = self.driver.get_log("browser")
        except WebDriverException:
            return []
        return [entry["message"] for entry in logs if "Content Security Policy" in entry.get("message", "")]

    def fits_width(self, width: int) -> bool:
        """Whether the page needs no horizontal scrolling at `width` CSS pixels."""
        self.driver.set_window_size(width, 900)
        body = self.driver.find_element(By.TAG_NAME, "html")
        fits = body.size["width"] <= width + 1
        widest = max((e.size["width"] for e in self.driver.find_elements(By.CSS_SELECTOR, "main *")), default=0)
        self.driver.set_window_size(1200, 900)
        return fits and widest <= width

    def screenshot(self, directory: str, name: str) -> None:
        """Saves the window as a PNG, reduced to a 256-colour palette to stay small enough to commit."""
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, name)
        self.driver.save_screenshot(path)
        try:
            from PIL import Image
            with Image.open(path) as shot:
                small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            small.save(path, optimize=True)
        except ImportError:
            pass
        print(f"browser:     screenshot {path} ({os.path.getsize(path)} bytes)")

    def downloaded(self, suffix: str, timeout: float = 60) -> str:
        """Waits until a finished download whose name ends with `suffix` is in the download folder; its path."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            names = os.listdir(self.downloads)
            done = [n for n in names if n.endswith(suffix)]
            if done and not any(n.endswith(".crdownload") for n in names):
                return os.path.join(self.downloads, done[0])
            time.sleep(0.2)
        raise Failure(f"no *{suffix} download within {timeout:.0f} s (folder holds {os.listdir(self.downloads)})")

    def quit(self) -> None:
        self.driver.quit()
        for name in os.listdir(self.downloads):
            os.remove(os.path.join(self.downloads, name))
        os.rmdir(self.downloads)


def api_login(base_url: str, username: str, password: str, user_agent: str) -> str:
    """Logs in through the JSON API, as a script would; the access token."""
    body = json.dumps({"username": username, "password": password}).encode()
    request = urllib.request.Request(base_url + "/api/v1/auth/login", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": user_agent})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["access_token"]


def api_status(base_url: str, path: str, token: str, method: str = "GET") -> int:
    request = urllib.request.Request(base_url + path, headers={"Authorization": "Bearer " + token}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def run(b: Browser, args: argparse.Namespace) -> None:
    username = f"browser-{int(time.time() * 1000)}@example.com"
    password = "browser test password 42"

    b.step("landing page")
    b.open("/")
    b.expect_text("Create an account")
    check(b.fits_width(360), "the landing page does not fit a 360 px wide window")

    b.step("sign up")
    b.driver.find_element(By.LINK_TEXT, "Sign up").click()
    b.expect_path("/signup")
    b.fill("username", username)
    b.fill("password", password)
    b.fill("password_confirmation", password)
    b.submit("form[action='/signup']")
    b.expect_path("/login")
    b.expect_text("is ready")

    b.step("log in with a wrong password: the form again, with a message")
    b.fill("username", username)
    b.fill("password", "wrong password")
    b.submit("form[action='/login']")
    b.expect_text("Incorrect e-mail address or password.")
    check(b.driver.find_element(By.ID, "username").get_attribute("value") == username, "username not kept")
    check(b.driver.find_element(By.ID, "password").get_attribute("value") == "", "password was echoed")
    check(b.driver.get_cookie("mlp_session") is None, "a failed login set a session cookie")

    b.step("log in")
    b.fill("password", password)
    b.submit("form[action='/login']")
    cookie = b.driver.get_cookie("mlp_session")
    check(cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Lax",
          f"session cookie missing or without HttpOnly/SameSite=Lax: {cookie}")

    run_images(b, args)

    b.step("account page")
    b.open("/account")
    b.expect_text(username)
    check(b.fits_width(360), "the account page does not fit a 360 px wide window")

    b.step("the list of sessions names this browser; an API login appears in it and is logged out from it")
    b.expect_text("Headless Chrome on Linux")
    b.expect_text("This browser")
    token = api_login(args.base_url, username, password, "browser-test-script/1.0")
    check(api_status(args.base_url, "/api/v1/users/me", token) == 200, "the API token does not work")
    b.open("/account")
    b.expect_text("browser-test-script/1.0")
    b.open("/account#sessions")  # the same document, scrolled to the list
    b.screenshot(args.screenshots, "account.png")
    check(b.fits_width(360), "the list of sessions does not fit a 360 px wide window")
    end_form = b.driver.find_element(By.XPATH, "//li[.//strong[text()='browser-test-script/1.0']]//form")
    b.submit("form[action='" + end_form.get_attribute("action").removeprefix(args.base_url) + "']")
    b.expect_path("/account")
    b.expect_text("That session has been logged out.")
    check("browser-test-script/1.0" not in b.text(), "the ended session is still listed")
    check(api_status(args.base_url, "/api/v1/users/me", token) == 401, "the ended session's token still works")

    b.step("make a read-only API key: its token is shown once, it reads through the API and changes nothing")
    b.open("/account#keys")
    b.fill("key_name", "browser test reader")
    b.driver.find_element(By.NAME, "read_only").click()
    b.submit("form[action='/account/keys']")
    b.expect_text("Your new API key")
    key = b.driver.find_element(By.ID, "key_token").get_attribute("value")
    check(len(key) == 43, f"the key's token is not 43 characters: {key!r}")
    check(api_status(args.base_url, "/api/v1/images", key) == 200, "the read-only key does not read")
    check(api_status(args.base_url, "/api/v1/users/me", key, method="DELETE") == 403, "the read-only key may delete the account")
    b.open("/account#keys")
    b.expect_text("browser test reader")
    b.screenshot(args.screenshots, "account-keys.png")
    check(key not in b.text(), "the account page shows the key's token again")
    check(b.fits_width(360), "the API keys do not fit a 360 px wide window")

    b.step("change the password: a wrong current one is refused beside its field")
    new_password = "browser test password 43"
    b.fill("current_password", "wrong password")
    b.fill("new_password", new_password)
    b.fill("new_password_confirmation", new_password)
    b.submit("form[action='/account/password']")
    b.expect_text("This is not your current password.")
    check(b.driver.find_element(By.ID, "current_password").get_attribute("aria-invalid") == "true",
          "the current password field is not marked invalid")

    b.step("change the password, still logged in afterwards")
    b.fill("current_password", password)
    b.fill("new_password", new_password)
    b.fill("new_password_confirmation", new_password)
    b.submit("form[action='/account/password']")
    b.expect_path("/account")
    b.expect_text("Your password has been changed.")
    check(api_status(args.base_url, "/api/v1/images", key) == 401, "the API key outlived the password change")
    check("browser test reader" not in b.text(), "the revoked API key is still listed")

    b.step("log out")
    b.submit("form[action='/logout']")
    b.expect_path("/")
    b.expect_text("You are logged out.")
    b.open("/account")
    b.expect_path("/login")

    b.step("only the new password logs in")
    b.fill("username", username)
    b.fill("password", password)
    b.submit("form[action='/login']")
    b.expect_text("Incorrect e-mail address or password.")
    b.fill("password", new_password)
    b.submit("form[action='/login']")
    b.expect_path("/account")
    b.submit("form[action='/logout']")
    b.expect_path("/")

    violations = b.csp_violations()
    check(not violations, "Content-Security-Policy violations:\n" + "\n".join(violations))


def run_images(b: Browser, args: argparse.Namespace) -> None:
    b.step("empty gallery after login")
    b.expect_path("/images")
    b.expect_text("No pictures yet")

    b.step("upload through the form")
    b.driver.find_element(By.LINK_TEXT, "Upload pictures").click()
    b.expect_path("/images/new")
    b.driver.find_element(By.ID, "file").send_keys(os.path.abspath(args.image))
    b.submit("form[action='/images']")
    check(b.path.startswith("/images/") and b.path.split("/")[-1].isdigit(), f"not on a detail page: {b.path}")
    detail = b.path
    b.expect_text("Uploaded and classified.")

    b.step(f"detail page shows {args.expect_label!r} first")
    first = b.driver.find_element(By.CSS_SELECTOR, ".predictions li:first-child .prediction-label").text
    check(first == args.expect_label, f"top label is {first!r}, expected {args.expect_label!r}")
    meters = b.driver.find_elements(By.CSS_SELECTOR, ".predictions meter")
    check(len(meters) >= 3, f"expected several score bars, found {len(meters)}")
    score = float(meters[0].get_attribute("value"))
    check(score > 0.5, f"top score {score} is implausibly low")
    picture = b.driver.find_element(By.CSS_SELECTOR, ".picture img")
    check(picture.get_attribute("naturalWidth") not in (None, "0"), "the picture did not load")
    b.expect_text("efficientnet")

    b.step("edit the title")
    b.fill("title", args.title)
    b.submit(f"form[action='{detail}/title']")
    b.expect_path(detail)
    b.expect_text("The title was saved.")
    check(b.driver.find_element(By.TAG_NAME, "h1").text == args.title, "the new title is not the heading")
    b.screenshot(args.screenshots, "detail.png")
    check(b.fits_width(360), "the detail page does not fit a 360 px wide window")

    b.step(f"where the model sees {args.expect_label!r}: squares over the picture; then another of its labels")
    b.driver.find_element(By.LINK_TEXT, "Where does the model see it?").click()
    b.expect_path(detail + "/explanation")
    b.expect_text(f"Where the model sees “{args.expect_label}”")
    squares = b.driver.find_elements(By.CSS_SELECTOR, ".explained-picture svg rect:not(.explained-region)")
    check(len(squares) == 49, f"expected a 7 × 7 grid of squares, found {len(squares)}")
    shown = b.driver.find_element(By.CSS_SELECTOR, ".explained-picture img")
    overlay = b.driver.find_element(By.CSS_SELECTOR, ".explained-picture svg")
    check(shown.get_attribute("naturalWidth") not in (None, "0"), "the picture did not load")
    box, picture_box = overlay.rect, shown.rect
    check(all(abs(box[key] - picture_box[key]) < 1 for key in ("x", "y", "width", "height")),
          f"the squares ({box}) do not lie over the picture ({picture_box})")
    b.expect_text("lowers the model's confidence")
    violations = b.csp_violations()
    check(not violations, "Content-Security-Policy violations:\n" + "\n".join(violations))
    b.screenshot(args.screenshots, "explanation.png")
    check(b.fits_width(360), "the explanation page does not fit a 360 px wide window")
    options = b.driver.find_elements(By.CSS_SELECTOR, "#class_index option")
    check(len(options) >= 3 and options[0].get_attribute("selected") is not None, "the picture's labels are not offered")
    other = options[1].text.rsplit(" (", 1)[0]
    options[1].click()
    b.submit(f"form[action='{detail}/explanation']")
    b.expect_text(f"Where the model sees “{other}”")
    b.open(detail)

    b.step("share the picture: the link shows it, its title and labels without an account")
    b.submit(f"form[action='{detail}/share']")
    b.expect_text("Anyone with the link can now see this picture.")
    share_url = b.driver.find_element(By.ID, "share-url").get_attribute("value")
    check(share_url.startswith(b.base_url + "/s/"), f"the link to copy is {share_url!r}")
    b.driver.get(share_url)
    check(b.driver.find_element(By.TAG_NAME, "h1").text == args.title, "the shared page does not show the title")
    b.expect_text(args.expect_label)
    shared_picture = b.driver.find_element(By.CSS_SELECTOR, ".picture img")
    check(shared_picture.get_attribute("naturalWidth") not in (None, "0"), "the shared picture did not load")
    b.screenshot(args.screenshots, "shared.png")
    check(b.fits_width(360), "the shared page does not fit a 360 px wide window")
    b.open(detail)

    b.step(f"say the picture is {args.expect_label!r} with one click: the model agrees")
    b.submit(f"form[action='{detail}/label']")
    b.expect_path(detail)
    b.expect_text("Your label was saved.")
    b.expect_text(f"You say: {args.expect_label}. The model agrees.")

    if args.second_image:
        b.step("upload a second picture, without a title")
        b.open("/images/new")
        b.driver.find_element(By.ID, "file").send_keys(os.path.abspath(args.second_image))
        b.submit("form[action='/images']")
        b.expect_text("Uploaded and classified.")

        b.step("turn the second picture right: the browser shows it turned at once; turned left again it is as before")

        def shown_size() -> tuple[int, int]:
            picture = b.driver.find_element(By.CSS_SELECTOR, ".picture img")
            WebDriverWait(b.driver, 30).until(lambda _: picture.get_attribute("complete") == "true" and picture.get_attribute("naturalWidth") != "0")
            return int(picture.get_attribute("naturalWidth")), int(picture.get_attribute("naturalHeight"))

        def turn(degrees: str) -> None:
            old_page = b.driver.find_element(By.TAG_NAME, "html")
            b.driver.find_element(By.CSS_SELECTOR, f"form.turn button[value='{degrees}']").click()
            WebDriverWait(b.driver, 60).until(lambda _: page_replaced(old_page))

        second = b.path
        label_before = b.driver.find_element(By.CSS_SELECTOR, ".predictions li:first-child .prediction-label").text
        upright = shown_size()
        check(upright[0] != upright[1], f"the picture is square ({upright}): turning it would show nothing")
        turn("90")
        b.expect_path(second)
        b.expect_text("The picture was turned to the right.")
        check(shown_size() == (upright[1], upright[0]), f"after a right turn the browser shows {shown_size()}, not {upright[::-1]}")
        b.expect_text(f"{upright[1]} × {upright[0]}")
        turn("-90")
        b.expect_text("The picture was turned to the left.")
        check(shown_size() == upright, f"turned back, the browser shows {shown_size()}, not {upright}")
        first = b.driver.find_element(By.CSS_SELECTOR, ".predictions li:first-child .prediction-label").text
        check(first == label_before, f"turned back, the top label is {first!r}, expected {label_before!r}")

    b.step("gallery shows the tile with its label")
    b.open("/images")
    tiles = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(tiles) == (2 if args.second_image else 1), f"expected the uploaded pictures in the gallery, found {len(tiles)}")
    tile = tiles[-1]
    check(args.title in tile.text and args.expect_label in tile.text, f"tile says {tile.text!r}")
    thumbnail = tile.find_element(By.TAG_NAME, "img")
    check(thumbnail.get_attribute("naturalWidth") not in (None, "0"), "the thumbnail did not load")
    b.screenshot(args.screenshots, "gallery.png")
    check(b.fits_width(360), "the gallery does not fit a 360 px wide window")

    b.step("mark the picture a favourite with its tile's star: the favourites hold it alone; its page takes it out again")
    b.open("/images")
    star = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")[-1].find_element(By.CSS_SELECTOR, "form.tile-favourite")
    picture_path = star.get_attribute("action")[len(b.base_url):-len("/favourite")]
    b.submit(f".gallery form[action='{picture_path}/favourite']")
    b.expect_text("The picture is one of your favourites now.")
    b.expect_path("/images")
    starred = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .star.on")
    check(len(starred) == 1, f"expected one filled star, found {len(starred)}")
    favourites = b.driver.find_element(By.CSS_SELECTOR, ".show-switch a").get_attribute("href")
    check(favourites == b.base_url + "/images?favourite=true", f"the favourites link is {favourites!r}")
    b.open("/images?favourite=true")
    kept = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(kept) == 1 and args.title in kept[0].text, f"the favourites are {[t.text for t in kept]!r}")
    b.screenshot(args.screenshots, "favourites.png")
    check(b.fits_width(360), "the favourites do not fit a 360 px wide window")
    b.open(picture_path)
    b.expect_text("★ One of your favourites")
    b.submit("form.favourite")
    b.expect_path(picture_path)
    b.expect_text("The picture is no longer one of your favourites.")
    b.expect_text("☆ Add to favourites")

    b.step("a photo taken years ago: its day, its month and its day of the year hold it alone; first by upload, last by the time taken, its page beside the next newer; then delete it")
    taken = jpeg_taken(args.image, "2019:05:04 10:00:00", b.downloads)
    b.open("/images/new")
    b.driver.find_element(By.ID, "file").send_keys(taken)
    b.fill("title", "Old photo")
    b.submit("form[action='/images']")
    b.expect_text("taken 2019-05-04 10:00")
    old_photo = b.path.split("?")[0]
    b.driver.find_element(By.LINK_TEXT, "2019-05-04 10:00").click()
    b.expect_path("/images?sort=taken&from=2019-05-04&to=2019-05-04")
    that_day = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(that_day) == 1 and "Old photo" in that_day[0].text, f"that day holds {[t.text for t in that_day]!r}")
    b.open("/images")
    check("Old photo" in b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")[0].text, "the latest upload is not first")
    b.driver.find_element(By.LINK_TEXT, "Latest taken").click()
    b.expect_path("/images?sort=taken")
    last = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")[-1]
    check("Old photo" in last.text and "taken 2019-05-04" in last.text, f"the last tile by the time taken is {last.text!r}")
    b.open("/images?sort=taken&from=2019-05-01&to=2019-05-31")
    may = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(may) == 1 and "Old photo" in may[0].text, f"May 2019 holds {[t.text for t in may]!r}")
    check(b.driver.find_element(By.ID, "from").get_attribute("value") == "2019-05-01", "the form lost the first day")
    b.expect_text("Taken from 2019-05-01 to 2019-05-31")
    on_this_day = b.driver.find_element(By.CSS_SELECTOR, "a.on-this-day").get_attribute("href")
    check(on_this_day.startswith(b.base_url + "/images?sort=taken&on="), f"On this day leads to {on_this_day!r}")
    b.open("/images?sort=taken&on=05-04")
    b.expect_text("Taken on 4 May, in any year")
    every_4_may = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(every_4_may) == 1 and "Old photo" in every_4_may[0].text, f"4 May holds {[t.text for t in every_4_may]!r}")
    b.open("/images?sort=taken&from=2019-05-01&to=2019-05-31")
    may = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    last = may[0]
    last.find_element(By.TAG_NAME, "a").click()
    b.expect_path(old_photo + "?sort=taken")
    check(not b.driver.find_elements(By.LINK_TEXT, "Older →"), "the earliest photo has an older one beside it")
    b.driver.find_element(By.LINK_TEXT, "← Newer").click()
    b.expect_path("/images/")
    check(b.path.endswith("?sort=taken") and not b.path.startswith(old_photo), f"Newer led to {b.path}")
    b.open(old_photo + "/delete")
    b.submit(f"form[action='{old_photo}/delete']")
    b.expect_text("The picture was deleted.")

    b.step("find by picture: the same file is already there, and nothing is stored")
    b.driver.find_element(By.LINK_TEXT, "Find by picture").click()
    b.expect_path("/images/search")
    b.driver.find_element(By.ID, "file").send_keys(os.path.abspath(args.image))
    b.submit("form[action='/images/search']")
    b.expect_text(f"What the model sees in {os.path.basename(args.image)}")
    b.expect_text(args.expect_label)
    b.expect_text("Already in your pictures")
    copies = b.driver.find_elements(By.XPATH, "//h2[text()='Already in your pictures']/following-sibling::ul[1]/li")
    check(len(copies) == 1 and args.title in copies[0].text, f"the copy found is {[c.text for c in copies]!r}")
    check(b.fits_width(360), "the search by picture does not fit a 360 px wide window")
    b.open("/images")
    stored = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(stored) == (2 if args.second_image else 1), "the search stored the picture")

    b.step("search by label, then by title")
    b.fill("q", args.expect_label[:4])
    b.submit("form.search")
    found = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(found) == 1 and args.title in found[0].text, "the label search did not find exactly the picture")
    b.fill("q", args.title.split()[-1].upper())
    b.submit("form.search")
    found = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(found) == 1 and args.title in found[0].text, "the title search did not find exactly the picture")
    b.fill("q", "no-such-label")
    b.submit("form.search")
    check(not b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile"), "the search kept a non-matching picture")

    b.step("the labels page counts the label; it leads to the picture")
    b.driver.find_element(By.CSS_SELECTOR, "nav a[href='/labels']").click()
    b.expect_path("/labels")
    rows = b.driver.find_elements(By.CSS_SELECTOR, "table.labels:not(.agreement) tbody tr")
    check(len(rows) >= 5, f"expected the labels of the uploaded pictures, found {len(rows)} rows")
    row = next((r for r in rows if r.find_element(By.TAG_NAME, "th").text == args.expect_label), None)
    check(row is not None, f"no row for {args.expect_label!r} on the labels page")
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    check(cells[:2] == ["1", "1"], f"{args.expect_label!r} should be on 1 picture, as its top label: {cells!r}")
    agreement = [cell.text for cell in b.driver.find_elements(By.CSS_SELECTOR, "table.agreement tbody tr td")]
    check(len(agreement) == 3 and agreement[0] == "1" and all(cell.endswith("1 (100.0 %)") for cell in agreement[1:]),
          f"the agreement with the user's label says {agreement!r}")
    b.screenshot(args.screenshots, "labels.png")
    check(b.fits_width(360), "the labels page does not fit a 360 px wide window")
    row = next(r for r in b.driver.find_elements(By.CSS_SELECTOR, "table.labels:not(.agreement) tbody tr")
               if r.find_element(By.TAG_NAME, "th").text == args.expect_label)
    row.find_element(By.TAG_NAME, "a").click()
    b.expect_text(f"Pictures labelled “{args.expect_label}”")
    found = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
    check(len(found) == 1 and args.title in found[0].text, "the label's gallery did not show exactly the picture")

    if args.second_image:
        b.step("label the other picture one by one from the labels page: one click, and none is left")
        b.open("/labels")
        b.driver.find_element(By.LINK_TEXT, "Label them one by one").click()
        b.expect_text("Labelling your pictures one by one.")
        second = b.path.split("?")[0]
        check(second.startswith("/images/") and second != detail, f"the flow started on {b.path!r}, not the unlabelled picture")
        b.submit(f"form[action='{second}/label']")
        b.expect_path("/images?agreement=unlabelled")
        b.expect_text("Your label was saved. That was the last picture without your label.")
        b.expect_text("You have labelled every picture.")

        b.step("your own label carries over: the same photo again is offered it in one click, and its label's page lists and labels it")
        b.open(detail)
        b.fill("user-label", "my morning coffee")
        b.submit(f"form[action='{detail}/label']")
        b.expect_text("You say: my morning coffee.")
        b.open("/images/new")
        b.driver.find_element(By.ID, "file").send_keys(os.path.abspath(args.image))
        b.fill("title", "Again")
        b.submit("form[action='/images']")
        again = b.path.split("#")[0]
        check(again.startswith("/images/") and again != detail, f"not on the new picture's page: {b.path}")
        offered = b.driver.find_element(By.CSS_SELECTOR, "form.own-suggestion button").text
        check(offered == "It is my morning coffee", f"the picture's page offers {offered!r}")
        b.expect_text("like 1 of your pictures you labelled so")
        b.driver.execute_script("document.getElementById('label').scrollIntoView()")
        b.screenshot(args.screenshots, "label-suggested.png")
        check(b.fits_width(360), "the picture's page with a suggested label does not fit a 360 px wide window")
        b.open("/labels")
        b.driver.find_element(By.ID, "your-labels").find_element(By.LINK_TEXT, "my morning coffee").click()
        b.expect_text("Pictures that may be “my morning coffee”")
        boxes = b.driver.find_elements(By.CSS_SELECTOR, ".gallery input[type=checkbox]")
        check([box.get_attribute("value") for box in boxes] == [again.split("/")[-1]] and boxes[0].is_selected(),
              "the list should hold the new picture, checked")
        b.screenshot(args.screenshots, "label-suggestions.png")
        check(b.fits_width(360), "the suggestions page does not fit a 360 px wide window")
        b.submit("form[action='/images/label']")
        b.expect_text("1 picture is now labelled “my morning coffee”.")
        b.expect_text("No picture without your label looks like them to the model.")
        b.open(again + "/delete")
        b.submit(f"form[action='{again}/delete']")
        b.expect_text("The picture was deleted.")

    b.step("download all pictures from the account page: a tar archive with the picture as uploaded")
    b.open("/account#export")
    b.driver.find_element(By.LINK_TEXT, "Download all my pictures").click()
    archive_path = b.downloaded(".tar")
    check(os.path.basename(archive_path).startswith("mlp-export-"), f"the download is named {archive_path!r}")
    with tarfile.open(archive_path) as archive:
        names = archive.getnames()
        pictures = [n for n in names if n.startswith("mlp-export/pictures/") and not n.endswith((".json", "/"))]
        check(len(pictures) == (2 if args.second_image else 1), f"the archive holds {names}")
        with open(args.image, "rb") as uploaded:
            original = uploaded.read()
        found = [n for n in pictures if archive.extractfile(n).read() == original]
        check(len(found) == 1, "the uploaded picture is not in the archive byte for byte")
        facts = json.load(archive.extractfile(os.path.splitext(found[0])[0] + ".json"))
        check(facts.get("title") == args.title, f"the picture's JSON says {facts!r}")
        labels = [p["label"] for p in facts.get("predictions", [])]
        check(any(args.expect_label in label for label in labels), f"its predictions are {labels!r}")

    b.step("delete the picture, with the confirmation step")
    b.open(detail)
    b.driver.find_element(By.PARTIAL_LINK_TEXT, "Delete this picture").click()
    b.expect_path(detail + "/delete")
    b.submit(f"form[action='{detail}/delete']")
    b.expect_path("/images")
    b.expect_text("The picture was deleted.")
    b.driver.get(share_url)
    b.expect_text("Page not found")
    b.open("/images")
    check(args.title not in b.text(), "the deleted picture is still in the gallery")
    b.open(detail)
    b.expect_text("Page not found")

    if args.second_image:
        b.step("upload two pictures at once: both land in the gallery")
        b.open("/images")
        before = len(b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile"))
        b.open("/images/new")
        both = "\n".join(os.path.abspath(path) for path in (args.image, args.second_image))
        b.driver.find_element(By.ID, "file").send_keys(both)
        b.fill("title", "Two at once")
        b.submit("form[action='/images']")
        b.expect_path("/images")
        b.expect_text("2 pictures uploaded and classified.")
        tiles = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
        check(len(tiles) == before + 2, f"expected {before + 2} tiles after uploading two, found {len(tiles)}")
        check(sum("Two at once" in tile.text for tile in tiles) == 2, "the two pictures do not both carry the title")

        def select_and_press(button: str) -> None:
            """Ticks the two tiles titled "Two at once" and presses a button of the selection form."""
            for tile in b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile"):
                if "Two at once" in tile.text:
                    tile.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
            old_page = b.driver.find_element(By.TAG_NAME, "html")
            b.driver.find_element(By.CSS_SELECTOR, button).click()
            WebDriverWait(b.driver, 60).until(lambda _: page_replaced(old_page))

        b.step("select those two in the gallery and give them one label: both tiles show it")
        select_and_press("button[form=selection][formaction='/images/label']")
        b.expect_path("/images/label?")
        b.expect_text("Label these 2 pictures")
        b.fill("selection-label", "two at once")
        b.submit("form[action='/images/label']")
        b.expect_path("/images")
        b.expect_text("2 pictures are now labelled “two at once”.")
        tiles = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
        check(sum("You: two at once" in tile.text for tile in tiles) == 2, "the two tiles do not both show the label")

        b.step("select those two in the gallery and add them to the favourites: the favourites hold both; then take both out")
        select_and_press("button[form=selection][formaction='/images/favourite']")
        b.expect_path("/images/favourite?")
        b.expect_text("These 2 pictures and your favourites")
        b.submit("form.favourite-selection")
        b.expect_path("/images?favourite=true")
        b.expect_text("2 pictures are among your favourites now.")
        kept = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
        check(len(kept) == 2 and all("Two at once" in tile.text for tile in kept), f"the favourites are {[t.text for t in kept]!r}")
        b.screenshot(args.screenshots, "favourites-selection.png")
        b.open("/images")
        select_and_press("button[form=selection][formaction='/images/favourite']")
        b.expect_text("Take the 2 pictures out of your favourites")
        check(b.fits_width(360), "the favourites' confirmation page does not fit a 360 px wide window")
        b.submit("form.favourite-selection")
        b.expect_path("/images")
        b.expect_text("2 pictures are no longer among your favourites.")
        check(not b.driver.find_elements(By.CSS_SELECTOR, ".gallery .star.on"), "a star is still filled")

        b.step("select those two in the gallery and put them into a new album: its page shows both, then it is deleted")
        select_and_press("button[form=selection][formaction='/images/album']")
        b.expect_path("/images/album?")
        b.expect_text("Put these 2 pictures into an album")
        b.fill("new_album", "Browser trip")
        b.submit("form[action='/images/album']")
        b.expect_path("/albums/")
        b.expect_text("2 pictures are in “Browser trip” now.")
        album_tiles = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
        check(len(album_tiles) == 2 and all("Two at once" in tile.text for tile in album_tiles), "the album does not show the two")
        b.screenshot(args.screenshots, "album.png")
        check(b.fits_width(360), "the album page does not fit a 360 px wide window")

        b.step("make the older picture the album's cover: the list of albums shows it, until the album chooses again")
        album_page = b.driver.current_url.split("#")[0]
        older_id = album_tiles[1].find_element(By.CSS_SELECTOR, "form[action$='/cover'] input[name=image]").get_attribute("value")
        b.submit(".gallery .tile:nth-child(2) form[action$='/cover']")
        b.expect_text("That picture is the cover of the album now.")
        preview = b.driver.find_element(By.CSS_SELECTOR, "#cover img.cover-preview")
        check(preview.get_attribute("src").endswith(f"/{older_id}/thumbnail") and preview.get_attribute("naturalWidth") not in (None, "0"),
              "the cover card does not show the chosen picture")
        check("Cover" in b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")[1].text, "the chosen tile is not marked as the cover")
        b.open("/albums")
        check(any(img.get_attribute("src").endswith(f"/{older_id}/thumbnail") for img in b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile img")),
              "the list of albums does not show the chosen cover")
        b.driver.get(album_page)
        b.submit("form[action$='/cover/delete']")
        b.expect_text("The cover is the picture put into the album last again.")

        b.step("upload a picture from the album's page: it goes into the album, whose place it shows; then delete it")
        b.driver.find_element(By.PARTIAL_LINK_TEXT, "Upload pictures into this album").click()
        b.expect_path("/images/new?album=")
        chosen = b.driver.find_element(By.CSS_SELECTOR, "#album option:checked").text
        check(chosen == "Browser trip", f"the upload form chose the album {chosen!r}")
        b.driver.find_element(By.ID, "file").send_keys(os.path.abspath(args.second_image))
        b.fill("title", "Into the album")
        b.submit("form[action='/images']")
        b.expect_path("/images/")
        b.expect_text("Uploaded and classified, and put into “Browser trip”.")
        b.expect_text("1 of 3")
        b.driver.find_element(By.PARTIAL_LINK_TEXT, "Delete this picture").click()
        b.submit("form[action$='/delete']")
        b.expect_path("/images")
        b.driver.get(album_page)
        b.expect_text("2 pictures")

        b.step("share the album: its link shows both pictures and each one's page, until it is stopped")
        b.submit("form[action$='/share']")
        b.expect_text("Anyone with the link can now see the pictures in this album.")
        album_url = b.driver.find_element(By.ID, "share-url").get_attribute("value")
        check(album_url.startswith(b.base_url + "/a/"), f"the album's link to copy is {album_url!r}")
        b.driver.get(album_url)
        check(b.driver.find_element(By.TAG_NAME, "h1").text == "Browser trip", "the shared album does not show its name")
        shared_tiles = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile img")
        check(len(shared_tiles) == 2 and all(tile.get_attribute("naturalWidth") not in (None, "0") for tile in shared_tiles),
              "the shared album's two thumbnails did not load")
        b.screenshot(args.screenshots, "shared-album.png")
        check(b.fits_width(360), "the shared album does not fit a 360 px wide window")
        b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile a")[0].click()
        b.expect_path("/a/")
        shared_one = b.driver.find_element(By.CSS_SELECTOR, ".picture img")
        check(shared_one.get_attribute("naturalWidth") not in (None, "0"), "the album's shared picture did not load")
        b.expect_text("1 of 2")
        b.driver.find_element(By.PARTIAL_LINK_TEXT, "Older").click()
        b.expect_text("2 of 2")
        b.screenshot(args.screenshots, "shared-album-picture.png")
        check(b.fits_width(360), "a shared album's picture page does not fit a 360 px wide window")
        b.driver.find_element(By.PARTIAL_LINK_TEXT, "Browser trip").click()
        check(b.driver.current_url == album_url, "the way back does not lead to the shared album")
        b.driver.get(album_page)
        b.submit("form[action$='/share/delete']")
        b.expect_text("The link no longer works.")
        b.driver.get(album_url)
        b.expect_text("Page not found")
        b.driver.get(album_page)

        b.driver.find_element(By.LINK_TEXT, "Albums").click()
        b.expect_path("/albums")
        b.expect_text("Browser trip")
        b.driver.find_element(By.PARTIAL_LINK_TEXT, "Browser trip").click()
        b.driver.find_element(By.NAME, "confirm").click()
        b.submit("form[action$='/delete']")
        b.expect_path("/albums")
        b.expect_text("The album “Browser trip” was deleted.")

        b.step("select those two in the gallery and delete them, with the confirmation step")
        b.open("/images")
        select_and_press("button[form=selection]:not([formaction])")
        b.expect_path("/images/delete")
        b.expect_text("Delete these 2 pictures?")
        b.submit("form[action='/images/delete']")
        b.expect_path("/images")
        b.expect_text("2 pictures were deleted.")
        left = b.driver.find_elements(By.CSS_SELECTOR, ".gallery .tile")
        check(len(left) == before and not any("Two at once" in tile.text for tile in left),
              f"after deleting the selection the gallery holds {len(left)} tiles, expected {before}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--image", required=True, help="picture to upload")
    parser.add_argument("--expect-label", default="espresso")
    parser.add_argument("--second-image", help="another picture, uploaded to fill the gallery")
    parser.add_argument("--title", default="Morning coffee")
    parser.add_argument("--screenshots", required=True, help="folder for gallery.png and detail.png")
    args = parser.parse_args()
    browser = Browser(args.base_url)
    try:
        run(browser, args)
    except Failure as failure:
        print(f"browser: FAIL at step {browser.steps} ({browser.path}): {failure}", file=sys.stderr)
        browser.screenshot(args.screenshots, "failure.png")
        return 1
    finally:
        browser.quit()
    print(f"browser: OK, {browser.steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
