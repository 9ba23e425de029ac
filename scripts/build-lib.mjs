console.log("build-lib: nothing yet")
